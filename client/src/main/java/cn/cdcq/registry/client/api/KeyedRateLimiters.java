package cn.cdcq.registry.client.api;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One Resilience4j {@link RateLimiter} per key (a client address, an account name), all with the
 * same limit per period, for at most {@code maxKeys} keys: the least recently used is forgotten
 * first, so a caller who invents a new key per request costs memory for {@code maxKeys} only.
 * No caller ever waits for a permission: it has one now, or it is refused.
 */
public final class KeyedRateLimiters {

    private final RateLimiterConfig config;
    private final Duration period;
    private final Map<String, RateLimiter> limiters;

    public KeyedRateLimiters(int limit, Duration period, int maxKeys) {
        this.period = period;
        this.config = RateLimiterConfig.custom().limitForPeriod(limit).limitRefreshPeriod(period)
                .timeoutDuration(Duration.ZERO).build();
        this.limiters = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, RateLimiter> eldest) {
                return size() > maxKeys;
            }
        };
    }

    /** Takes one permission for {@code key}: false when its limit for this period is used up. */
    public boolean tryAcquire(String key) {
        return limiter(key).acquirePermission();
    }

    /** Whether {@code key} has a permission left in this period, without taking it. */
    public boolean hasPermission(String key) {
        RateLimiter known;
        synchronized (limiters) {
            known = limiters.get(key);
        }
        return known == null || known.getMetrics().getAvailablePermissions() > 0;
    }

    /** The period's length in whole seconds (at least 1): what a refused caller is told to wait at most. */
    public long retryAfterSeconds() {
        return Math.max(1, period.toSeconds());
    }

    private RateLimiter limiter(String key) {
        synchronized (limiters) {
            return limiters.computeIfAbsent(key, k -> RateLimiter.of(k, config));
        }
    }
}
