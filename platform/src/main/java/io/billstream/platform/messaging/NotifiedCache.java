package io.billstream.platform.messaging;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.billstream.platform.transaction.AfterCommit;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A read cache each instance drops whole when a PostgreSQL notification arrives on its channel (sent by whoever
 * changes what it holds, usually with the change's commit), and again whenever the listening connection is
 * re-established. A lost notification is covered last by the entries' time to live. Without notifications, or with
 * a time to live of zero, nothing is cached and every read goes to the loader.
 * <p>
 * Each entry remembers the generation it was loaded under: a load that read the old rows while a change committed
 * is loaded again on the next read instead of being served until it expires.
 */
public final class NotifiedCache<K, V> {

    private record Entry<V>(long generation, V value) {
    }

    private final Cache<K, Entry<V>> entries;
    private final AtomicLong generation = new AtomicLong();

    /** {@code notifications} may be null (notifications disabled): the cache is then off. */
    public NotifiedCache(DatabaseNotifications notifications, String channel, Duration ttl, long maximumSize) {
        if (notifications == null || ttl.isZero()) {
            this.entries = null;
        } else {
            this.entries = Caffeine.newBuilder().maximumSize(maximumSize).expireAfterWrite(ttl).build();
            notifications.listen(channel, this::invalidateAll);
        }
    }

    public boolean enabled() {
        return entries != null;
    }

    /** The cached value, or the loader's; a null from the loader is returned and not cached. */
    public V get(K key, Function<K, V> loader) {
        if (entries == null) {
            return loader.apply(key);
        }
        long current = generation.get();
        Entry<V> cached = entries.getIfPresent(key);
        if (cached != null && cached.generation() == current) {
            return cached.value();
        }
        V loaded = loader.apply(key);
        if (loaded != null) {
            entries.put(key, new Entry<>(current, loaded));
        }
        return loaded;
    }

    public void invalidate(K key) {
        if (entries != null) {
            entries.invalidate(key);
        }
    }

    public void invalidateAll() {
        generation.incrementAndGet();
    }

    /** This instance's own change: everything is dropped once the current transaction commits. */
    public void invalidateAllAfterCommit() {
        if (entries != null) {
            AfterCommit.run(this::invalidateAll);
        }
    }
}
