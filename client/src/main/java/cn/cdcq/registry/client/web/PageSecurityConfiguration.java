package cn.cdcq.registry.client.web;

import cn.cdcq.registry.client.identity.LoginBackoff;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Sign-in for people, on the page routes only: a login form, a session cookie (HttpOnly,
 * SameSite=Lax, Secure when TLS is on; see application.yml), a CSRF token on every form, logout,
 * the same accounts and roles as the API. This chain is ordered before the API's and claims only
 * the paths below, so {@code /api/**} keeps its stateless HTTP Basic; and because this chain has
 * no HTTP Basic at all, a page route never answers with a {@code WWW-Authenticate: Basic}
 * challenge: a browser is never asked for (and so never caches) Basic credentials that a page
 * on another site could ride on. Not signed in: a redirect to the login page.
 */
@Configuration
public class PageSecurityConfiguration {

    /** Every path the pages own; everything else belongs to the API's chain. */
    static final String[] PAGE_PATHS = {"/", "/login", "/logout", "/desk", "/denied", "/verify", "/verify/**",
            "/center", "/center/**", "/inspector", "/inspector/**", "/bureau", "/bureau/**", "/assets/**", "/favicon.ico"};

    /** Scripts, styles and images only from this service; nothing inline, nothing from the internet. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    @Bean
    @Order(1)
    SecurityFilterChain pages(HttpSecurity http, @Value("${server.servlet.session.cookie.name:JSESSIONID}") String sessionCookie)
            throws Exception {
        http.securityMatcher(PAGE_PATHS)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/", "/login", "/verify", "/verify/**", "/assets/**", "/favicon.ico").permitAll()
                        .requestMatchers("/center", "/center/**").hasRole("TRAINING_CENTER")
                        .requestMatchers("/inspector", "/inspector/**").hasAnyRole("INSPECTOR", "BUREAU")
                        .requestMatchers("/bureau/accounts", "/bureau/accounts/**").hasRole("BUREAU_ADMIN")
                        .requestMatchers("/bureau", "/bureau/**").hasRole("BUREAU")
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/desk", true)
                        // A name backing off after failed logins is told so, not "wrong password".
                        .failureHandler((request, response, e) -> response.sendRedirect(request.getContextPath()
                                + (e instanceof LoginBackoff.TooManyFailedLogins ? "/login?locked" : "/login?error"))))
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout")
                        .deleteCookies(sessionCookie).invalidateHttpSession(true))
                .exceptionHandling(e -> e.accessDeniedPage("/denied"))
                .headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        // The QR link's fragment never leaves the page; no referrer carries the path either.
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)));
        return http.build();
    }
}
