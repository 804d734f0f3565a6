package cn.cdcq.registry.client.identity;

import cn.cdcq.registry.client.api.KeyedRateLimiters;
import org.springframework.security.core.AuthenticationException;

import java.time.Duration;

/**
 * Back-off after failed logins, per account name (known or not, so that probing names tells
 * nothing): {@code limit} wrong passwords in a period, and every further attempt for that name,
 * right or wrong, is refused without looking at the password until the period ends. Guessing a
 * password over HTTP Basic or the login form is then {@code limit} tries per period, not
 * thousands per second. The price, written down: someone who knows an account's name can keep
 * it locked by failing on purpose; the bureau administrator's account on another name, or a
 * shorter period, is the remedy.
 */
public final class LoginBackoff {

    /** A login refused because its account name has used up its failed attempts for this period. */
    public static final class TooManyFailedLogins extends AuthenticationException {
        private final long retryAfterSeconds;

        TooManyFailedLogins(long retryAfterSeconds) {
            super("too many failed logins for this account; try again in " + retryAfterSeconds + " s");
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    private final KeyedRateLimiters failures;

    public LoginBackoff(int limit, Duration period) {
        this.failures = new KeyedRateLimiters(limit, period, 10_000);
    }

    /** Refuses the attempt if {@code name} has no failed attempt left in this period. */
    public void check(String name) {
        if (!failures.hasPermission(key(name))) {
            throw new TooManyFailedLogins(failures.retryAfterSeconds());
        }
    }

    /** Counts a wrong password for {@code name}. */
    public void failed(String name) {
        failures.tryAcquire(key(name));
    }

    private static String key(String name) {
        return name == null ? "" : name.toLowerCase(java.util.Locale.ROOT);
    }
}
