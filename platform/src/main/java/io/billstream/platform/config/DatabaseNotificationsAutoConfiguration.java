package io.billstream.platform.config;

import com.zaxxer.hikari.HikariDataSource;
import io.billstream.platform.messaging.DatabaseNotifications;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;

import javax.sql.DataSource;
import java.sql.DriverManager;
import java.util.Properties;

/**
 * One listening PostgreSQL connection per instance (billstream.notifications.enabled, default on), which the
 * outbox relay and the services' workers use to wake instead of polling.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class)
@ConditionalOnClass(name = "org.postgresql.PGConnection")
@ConditionalOnBean(DataSource.class)
@ConditionalOnProperty(name = "billstream.notifications.enabled", havingValue = "true", matchIfMissing = true)
public class DatabaseNotificationsAutoConfiguration {

    @Bean
    DatabaseNotifications databaseNotifications(DataSource dataSource) {
        if (dataSource instanceof HikariDataSource hikari && hikari.getJdbcUrl() != null) {
            // its own connection, not one of the pool's: it is held for the instance's lifetime
            return new DatabaseNotifications(() -> {
                Properties properties = new Properties();
                properties.putAll(hikari.getDataSourceProperties());
                if (hikari.getUsername() != null) {
                    properties.setProperty("user", hikari.getUsername());
                }
                if (hikari.getPassword() != null) {
                    properties.setProperty("password", hikari.getPassword());
                }
                properties.setProperty("tcpKeepAlive", "true");
                properties.setProperty("ApplicationName", "billstream-notifications");
                return DriverManager.getConnection(hikari.getJdbcUrl(), properties);
            });
        }
        return new DatabaseNotifications(dataSource::getConnection);
    }
}
