package cn.cdcq.registry.client.web;

import cn.cdcq.registry.client.api.KeyedRateLimiters;
import cn.cdcq.registry.client.config.RequestLimits;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The limit on what one address may ask of the public endpoints without signing in
 * ({@link RequestLimits}): beyond it, 429 {@code RATE_LIMITED} with {@code Retry-After}, before
 * any ledger read. Runs after Spring Security (a Boot-registered filter comes after the security
 * chain), so it knows whether the caller signed in; signed-in callers are not counted. Refusals
 * are logged once per period with their count, not once per request (a flood must not fill the
 * log).
 */
public final class PublicRateLimit extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(PublicRateLimit.class);
    /** What counts: the public API, the public pages, the DID document. */
    private static final String[] PREFIXES = {"/api/v1/public/", "/verify", "/.well-known/"};

    private final KeyedRateLimiters limiters;
    private final RequestLimits limits;
    private final AtomicLong refused = new AtomicLong();
    private volatile long lastLog;

    public PublicRateLimit(RequestLimits limits) {
        this.limits = limits;
        this.limiters = new KeyedRateLimiters(limits.publicRequests(), limits.publicPeriod(), 100_000);
        log.info("public endpoints: at most {} requests per {} s per address without signing in",
                limits.publicRequests(), limits.publicPeriodSeconds());
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        for (String prefix : PREFIXES) {
            if (path.startsWith(prefix)) {
                return signedIn();
            }
        }
        return true;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (limiters.tryAcquire(request.getRemoteAddr())) {
            chain.doFilter(request, response);
            return;
        }
        long n = refused.incrementAndGet();
        long now = System.nanoTime();
        if (now - lastLog > limits.publicPeriod().toNanos()) {
            lastLog = now;
            log.warn("public endpoints: {} requests refused so far for going over {} per {} s (latest from {})",
                    n, limits.publicRequests(), limits.publicPeriodSeconds(), request.getRemoteAddr());
        }
        response.setHeader("Retry-After", Long.toString(limiters.retryAfterSeconds()));
        SecurityConfiguration.write(response, HttpStatus.TOO_MANY_REQUESTS, RATE_LIMITED,
                "more than " + limits.publicRequests() + " requests in " + limits.publicPeriodSeconds()
                        + " s from this address; wait and try again, or sign in", request.getRequestURI());
    }

    /** The code of a refusal for going over a limit. */
    static final String RATE_LIMITED = "RATE_LIMITED";

    private static boolean signedIn() {
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        return a != null && a.isAuthenticated() && !(a instanceof AnonymousAuthenticationToken);
    }
}
