package io.billstream.platform.messaging;

import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;

import java.util.UUID;

/**
 * Names this instance on every session of its connection pool: the PostgreSQL startup option
 * {@code -c billstream.writer=<name>}, the same name {@link DatabaseNotifications#self()} ignores. A trigger that
 * announces a write ({@code pg_notify(channel, coalesce(current_setting('billstream.writer', true), ''))}) then signs
 * it with the writer, so the writing instance, which woke in process at its commit already, is not woken a second
 * time by its own notification. The option costs no statement: it travels in the connection's start-up packet.
 * <p>
 * A pool that has already started cannot take the option any more; its sessions then send an empty name, which
 * every instance, this one included, takes as someone else's (as before: one needless wake-up, nothing lost).
 */
public final class SessionWriterTag implements BeanPostProcessor {

    /** The custom setting a trigger reads ({@code current_setting(SETTING, true)}, null where it is not set). */
    public static final String SETTING = "billstream.writer";

    private static final Logger log = LoggerFactory.getLogger(SessionWriterTag.class);

    private final String name = UUID.randomUUID().toString();

    /** This instance's name, as its sessions carry it. */
    public String name() {
        return name;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource pool) {
            String option = "-c " + SETTING + "=" + name;
            Object current = pool.getDataSourceProperties().get("options");
            try {
                pool.addDataSourceProperty("options", current == null || current.toString().isBlank()
                        ? option : current + " " + option);
            } catch (IllegalStateException sealed) {
                log.info("pool {} started before its sessions could be named; its writes wake this instance too",
                        beanName);
            }
        }
        return bean;
    }
}
