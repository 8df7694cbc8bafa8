package io.billstream.invoice.config;

import org.hibernate.boot.model.TypeContributions;
import org.hibernate.boot.model.TypeContributor;
import org.hibernate.dialect.PostgreSQLDialect;
import org.hibernate.engine.jdbc.env.spi.JdbcEnvironment;
import org.hibernate.service.ServiceRegistry;
import org.hibernate.type.descriptor.jdbc.BinaryJdbcType;

import java.sql.Types;

/**
 * Axon maps payloads, metadata, tokens and snapshots as {@code @Lob}; on PostgreSQL Hibernate 6 would store them
 * as large objects (oid), which leak and are slow. Mapping BLOB to bytea keeps them inline.
 */
public class PostgresByteaTypeContributor implements TypeContributor {

    @Override
    public void contribute(TypeContributions contributions, ServiceRegistry serviceRegistry) {
        if (serviceRegistry.requireService(JdbcEnvironment.class).getDialect() instanceof PostgreSQLDialect) {
            contributions.getTypeConfiguration().getJdbcTypeRegistry()
                    .addDescriptor(Types.BLOB, BinaryJdbcType.INSTANCE);
        }
    }
}
