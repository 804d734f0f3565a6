package cn.cdcq.registry.client.web;

import cn.cdcq.registry.common.ErrorCode;
import cn.cdcq.registry.client.identity.AccountUserDetails;
import cn.cdcq.registry.client.identity.Accounts;
import cn.cdcq.registry.client.identity.CachingPasswordAuthentication;
import cn.cdcq.registry.client.identity.LoginBackoff;
import cn.cdcq.registry.client.config.RequestLimits;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.security.authentication.AuthenticationProvider;
import java.time.Clock;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import java.io.IOException;

/**
 * Who may call what. HTTP Basic against the service's accounts (BCrypt hashes), no sessions, no
 * cookies (so no CSRF surface). Open to anyone: /api/v1/public/** (verification, public credit
 * profiles), health, the OpenAPI description and its UI, Prometheus metrics (the service binds
 * to 127.0.0.1). Everything else under /api/v1 needs an account; roles are checked per
 * endpoint with {@code @PreAuthorize}, and the chaincode checks them again.
 * A refusal is a problem detail: 401 without valid credentials, 403 for the wrong role.
 */
@Configuration
@EnableMethodSecurity
@EnableConfigurationProperties(RequestLimits.class)
public class SecurityConfiguration {

    @Bean
    static PasswordEncoder passwordEncoder() {
        return Accounts.passwordEncoder();
    }

    /**
     * Basic against the accounts, a verified password remembered (as an HMAC) for 5 minutes,
     * failed logins backing off per account name ({@code registry.limits.failed-*}).
     */
    @Bean
    AuthenticationProvider accountAuthentication(AccountUserDetails users, PasswordEncoder encoder, RequestLimits limits) {
        return new CachingPasswordAuthentication(users, encoder, Duration.ofMinutes(5), Clock.systemUTC(),
                new LoginBackoff(limits.failedLogins(), limits.failedLoginPeriod()));
    }

    /** The public endpoints' limit per address ({@code registry.limits.public-*}); after the security chain. */
    @Bean
    PublicRateLimit publicRateLimit(RequestLimits limits) {
        return new PublicRateLimit(limits);
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/api/v1/public/**").permitAll()
                        // The region's DID document (did:web), for credential verifiers anywhere.
                        .requestMatchers("/.well-known/did.json").permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus", "/actuator/info").permitAll()
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**").permitAll()
                        .requestMatchers("/error").permitAll()
                        .anyRequest().authenticated())
                .httpBasic(basic -> basic.authenticationEntryPoint(unauthorized()))
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized()).accessDeniedHandler(forbidden()));
        return http.build();
    }

    private static AuthenticationEntryPoint unauthorized() {
        return (request, response, e) -> {
            if (e instanceof LoginBackoff.TooManyFailedLogins backoff) {
                response.setHeader("Retry-After", Long.toString(backoff.retryAfterSeconds()));
                write(response, HttpStatus.TOO_MANY_REQUESTS, PublicRateLimit.RATE_LIMITED, backoff.getMessage(),
                        request.getRequestURI());
                return;
            }
            response.setHeader("WWW-Authenticate", "Basic realm=\"cdcq-registry\"");
            write(response, HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED",
                    "this needs an account of the regional service: send HTTP Basic credentials (user and password)",
                    request.getRequestURI());
        };
    }

    private static AccessDeniedHandler forbidden() {
        return (request, response, e) -> write(response, HttpStatus.FORBIDDEN, ErrorCode.FORBIDDEN.name(),
                "your account's role may not do this", request.getRequestURI());
    }

    static void write(jakarta.servlet.http.HttpServletResponse response, HttpStatus status, String code,
                      String detail, String instance) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        var problem = cn.cdcq.registry.common.json.Json.mapper().createObjectNode();
        problem.put("title", status.getReasonPhrase()).put("status", status.value())
                .put("detail", detail).put("instance", instance).put("code", code);
        response.getWriter().write(problem.toString());
    }
}
