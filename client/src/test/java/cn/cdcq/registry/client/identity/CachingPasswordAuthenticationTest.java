package cn.cdcq.registry.client.identity;

import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CachingPasswordAuthenticationTest {

    final AtomicInteger bcryptChecks = new AtomicInteger();
    final PasswordEncoder counting = new PasswordEncoder() {
        final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);

        @Override
        public String encode(CharSequence raw) {
            return bcrypt.encode(raw);
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            bcryptChecks.incrementAndGet();
            return bcrypt.matches(raw, encoded);
        }
    };
    final AtomicReference<String> hash = new AtomicReference<>(counting.encode("right-password"));
    final MutableClock clock = new MutableClock();
    final CachingPasswordAuthentication provider = new CachingPasswordAuthentication(
            name -> user(name, hash.get()), counting, Duration.ofMinutes(5), clock, new LoginBackoff(3, Duration.ofMinutes(5)));

    @Test
    void aVerifiedPasswordIsNotCheckedWithBcryptAgainUntilItsTimeIsUp() {
        provider.authenticate(token("right-password"));
        provider.authenticate(token("right-password"));
        assertThat(bcryptChecks).hasValue(1);
        clock.now = clock.now.plus(Duration.ofMinutes(6));
        provider.authenticate(token("right-password"));
        assertThat(bcryptChecks).hasValue(2);
    }

    @Test
    void aWrongPasswordIsAlwaysCheckedAndRefused() {
        provider.authenticate(token("right-password"));
        assertThatThrownBy(() -> provider.authenticate(token("wrong-password"))).isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() -> provider.authenticate(token("wrong-password"))).isInstanceOf(BadCredentialsException.class);
        assertThat(bcryptChecks).hasValue(3);
    }

    @Test
    void aChangedPasswordMakesTheRememberedOneWorthless() {
        provider.authenticate(token("right-password"));
        hash.set(counting.encode("new-password-123"));
        assertThatThrownBy(() -> provider.authenticate(token("right-password"))).isInstanceOf(BadCredentialsException.class);
    }

    @Test
    void afterThreeWrongPasswordsEvenTheRightOneIsRefusedWithoutBcrypt() {
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> provider.authenticate(token("wrong-password"))).isInstanceOf(BadCredentialsException.class);
        }
        int checks = bcryptChecks.get();
        assertThatThrownBy(() -> provider.authenticate(token("right-password")))
                .isInstanceOf(LoginBackoff.TooManyFailedLogins.class).hasMessageContaining("try again in 300 s");
        assertThat(bcryptChecks).as("a name backing off costs no BCrypt").hasValue(checks);
        // Another name is not touched by this one's failures.
        assertThat(provider.authenticate(UsernamePasswordAuthenticationToken.unauthenticated("cd-ins-2", "right-password"))
                .isAuthenticated()).isTrue();
    }

    @Test
    void anUnknownNameBacksOffLikeAKnownOne() {
        CachingPasswordAuthentication noUsers = new CachingPasswordAuthentication(name -> {
            throw new org.springframework.security.core.userdetails.UsernameNotFoundException(name);
        }, counting, Duration.ofMinutes(5), clock, new LoginBackoff(2, Duration.ofMinutes(5)));
        var probe = UsernamePasswordAuthenticationToken.unauthenticated("nobody", "x");
        assertThatThrownBy(() -> noUsers.authenticate(probe)).isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() -> noUsers.authenticate(probe)).isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() -> noUsers.authenticate(probe)).isInstanceOf(LoginBackoff.TooManyFailedLogins.class);
    }

    private static UsernamePasswordAuthenticationToken token(String password) {
        return UsernamePasswordAuthenticationToken.unauthenticated("cd-ins-1", password);
    }

    private static UserDetails user(String name, String hash) {
        return User.withUsername(name).password(hash).roles("INSPECTOR").build();
    }

    static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
