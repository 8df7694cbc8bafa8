package io.billstream.invoice.customers.persistence;

import io.billstream.platform.paging.KeysetCursor;
import io.billstream.invoice.customers.domain.CustomerStore;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.billstream.invoice.customers.domain.Customer;
import io.billstream.invoice.customers.domain.CustomerDirectory;
import io.billstream.platform.events.data.AddressData;
import io.billstream.platform.events.data.PartyData;
import io.billstream.platform.security.TenantId;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code customer} table. Every statement is scoped to one tenant, so another tenant's id finds nothing. */
@Repository
public class CustomerRepository implements CustomerDirectory, CustomerStore {

    private static final TypeReference<LinkedHashMap<String, String>> METADATA = new TypeReference<>() {
    };
    private static final String COLUMNS = """
            id, tenant_id, name, email, address_line1, address_line2, address_city, address_region,
            address_postal_code, address_country, tax_id, locale, metadata::text as metadata, archived, version,
            created_at, updated_at, buyer_reference""";

    private final JdbcClient jdbc;
    private final ObjectMapper mapper;
    private final RowMapper<Customer> rows = this::map;

    public CustomerRepository(JdbcClient jdbc, ObjectMapper mapper) {
        this.jdbc = jdbc;
        this.mapper = mapper;
    }

    @Override
    public Optional<PartyData> findBillable(TenantId tenant, String customerId) {
        return find(tenant.value(), customerId).filter(c -> !c.archived()).map(Customer::toParty);
    }

    public Optional<Customer> find(String tenantId, String id) {
        return jdbc.sql("select " + COLUMNS + " from customer where tenant_id = ? and id = ?")
                .params(tenantId, id).query(rows).optional();
    }

    /** Locks the row until the transaction ends, so concurrent writes to one customer queue up. */
    public Optional<Customer> lock(String tenantId, String id) {
        return jdbc.sql("select " + COLUMNS + " from customer where tenant_id = ? and id = ? for update")
                .params(tenantId, id).query(rows).optional();
    }

    public void insert(Customer c) {
        AddressData a = c.address();
        jdbc.sql("""
                        insert into customer (id, tenant_id, name, email, address_line1, address_line2, address_city,
                            address_region, address_postal_code, address_country, tax_id, locale, metadata, archived,
                            version, created_at, updated_at, buyer_reference)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?)""")
                .params(c.id(), c.tenantId(), c.name(), c.email(),
                        a == null ? null : a.line1(), a == null ? null : a.line2(), a == null ? null : a.city(),
                        a == null ? null : a.region(), a == null ? null : a.postalCode(),
                        a == null ? null : a.country(), c.taxId(), c.locale(), json(c.metadata()), c.archived(),
                        c.version(), utc(c.createdAt()), utc(c.updatedAt()), c.buyerReference())
                .update();
    }

    public void update(Customer c) {
        AddressData a = c.address();
        jdbc.sql("""
                        update customer set name = ?, email = ?, address_line1 = ?, address_line2 = ?,
                            address_city = ?, address_region = ?, address_postal_code = ?, address_country = ?,
                            tax_id = ?, locale = ?, metadata = ?::jsonb, archived = ?, version = ?, updated_at = ?,
                            buyer_reference = ?
                        where tenant_id = ? and id = ?""")
                .params(c.name(), c.email(),
                        a == null ? null : a.line1(), a == null ? null : a.line2(), a == null ? null : a.city(),
                        a == null ? null : a.region(), a == null ? null : a.postalCode(),
                        a == null ? null : a.country(), c.taxId(), c.locale(), json(c.metadata()), c.archived(),
                        c.version(), utc(c.updatedAt()), c.buyerReference(), c.tenantId(), c.id())
                .update();
    }

    /**
     * One page, newest first. {@code after} is the last row of the previous page: keyset pagination on
     * (created_at, id) stays stable while other rows are inserted.
     */
    public List<Customer> page(String tenantId, String email, boolean includeArchived, KeysetCursor after,
                               int limit) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from customer where tenant_id = :tenant");
        JdbcClient.StatementSpec spec;
        if (email != null) {
            sql.append(" and lower(email) = lower(:email)");
        }
        if (!includeArchived) {
            sql.append(" and not archived");
        }
        if (after != null) {
            sql.append(" and (created_at, id) < (:createdAt, :id)");
        }
        sql.append(" order by created_at desc, id desc limit :limit");
        spec = jdbc.sql(sql.toString()).param("tenant", tenantId).param("limit", limit);
        if (email != null) {
            spec = spec.param("email", email);
        }
        if (after != null) {
            spec = spec.param("createdAt", utc(after.createdAt())).param("id", after.id());
        }
        return spec.query(rows).list();
    }

    /** The tenant's customers among {@code ids} (archived ones too), newest first; unknown ids are left out. */
    public List<Customer> findAll(String tenantId, java.util.Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select " + COLUMNS + " from customer where tenant_id = :tenant and id in (:ids)"
                        + " order by created_at desc, id desc")
                .param("tenant", tenantId).param("ids", List.copyOf(ids)).query(rows).list();
    }

    private Customer map(ResultSet rs, int row) throws SQLException {
        return new Customer(rs.getString("id"), rs.getString("tenant_id"), rs.getString("name"),
                rs.getString("email"), address(rs), rs.getString("tax_id"), rs.getString("locale"),
                metadata(rs.getString("metadata")), rs.getBoolean("archived"), rs.getLong("version"),
                instant(rs, "created_at"), instant(rs, "updated_at"), rs.getString("buyer_reference"));
    }

    public static AddressData address(ResultSet rs, String prefix) throws SQLException {
        String line1 = rs.getString(prefix + "line1");
        if (line1 == null) {
            return null;
        }
        return new AddressData(line1, rs.getString(prefix + "line2"), rs.getString(prefix + "city"),
                rs.getString(prefix + "region"), rs.getString(prefix + "postal_code"),
                rs.getString(prefix + "country"));
    }

    private static AddressData address(ResultSet rs) throws SQLException {
        return address(rs, "address_");
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    public static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private Map<String, String> metadata(String json) {
        try {
            return json == null ? Map.of() : mapper.readValue(json, METADATA);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable customer metadata", e);
        }
    }

    private String json(Map<String, String> metadata) {
        try {
            return mapper.writeValueAsString(metadata);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write customer metadata", e);
        }
    }
}
