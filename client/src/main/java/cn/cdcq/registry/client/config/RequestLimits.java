package cn.cdcq.registry.client.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * How much one caller may ask ({@code registry.limits.*}); a left-out value keeps its default.
 *
 * <ul>
 *   <li>{@code public-requests} per {@code public-period-seconds} (default 300 per 10 s): the
 *       requests one address may send, without signing in, to the public endpoints
 *       (verification, public credit profiles, credentials and status lists, the DID document)
 *       and the public pages. A signed-in caller is not counted: it is known and accountable.
 *       Behind a reverse proxy set {@code server.forward-headers-strategy} so that the address is
 *       the client's, not the proxy's.</li>
 *   <li>{@code failed-logins} per {@code failed-login-period-seconds} (default 5 per 300 s): wrong
 *       passwords for one account name before every attempt for that name, right or wrong, is
 *       refused until the period ends.</li>
 * </ul>
 */
@ConfigurationProperties("registry.limits")
public record RequestLimits(Integer publicRequests, Integer publicPeriodSeconds, Integer failedLogins,
                            Integer failedLoginPeriodSeconds) {

    public static final RequestLimits DEFAULTS = new RequestLimits(null, null, null, null);

    public RequestLimits {
        publicRequests = checked("public-requests", publicRequests, 300, 1_000_000);
        publicPeriodSeconds = checked("public-period-seconds", publicPeriodSeconds, 10, 3600);
        failedLogins = checked("failed-logins", failedLogins, 5, 1000);
        failedLoginPeriodSeconds = checked("failed-login-period-seconds", failedLoginPeriodSeconds, 300, 86_400);
    }

    public Duration publicPeriod() {
        return Duration.ofSeconds(publicPeriodSeconds);
    }

    public Duration failedLoginPeriod() {
        return Duration.ofSeconds(failedLoginPeriodSeconds);
    }

    private static int checked(String name, Integer value, int fallback, int max) {
        int v = value == null ? fallback : value;
        if (v < 1 || v > max) {
            throw new IllegalArgumentException("registry.limits." + name + " is " + v + "; it must be 1 to " + max);
        }
        return v;
    }
}
