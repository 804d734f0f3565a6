package cn.cdcq.registry.client.identity;

import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** The Spring roles an account gets: its own role's name (an administrator BUREAU too). */
class AccountUserDetailsTest {

    private final Accounts accounts = mock(Accounts.class);
    private final AccountUserDetails users = new AccountUserDetails(accounts);

    private UserDetails load(String name, AccountRole role, String uscc) {
        when(accounts.find(name)).thenReturn(Optional.of(new Account(name, role, null, null, "hash", "pem", "key",
                "2026-01-01T00:00:00Z", "cd-admin", uscc)));
        return users.loadUserByUsername(name);
    }

    @Test
    void anEnterpriseAccountHasTheRoleEnterpriseAndNoOther() {
        UserDetails u = load("cd-platform-1", AccountRole.ENTERPRISE, "91510100MA6100021E");
        assertThat(u.getAuthorities()).extracting(GrantedAuthority::getAuthority).containsExactly("ROLE_ENTERPRISE");
        assertThat(u.isEnabled()).isTrue();
    }

    @Test
    void anAdministratorIsABureauToo() {
        UserDetails u = load("cd-admin", AccountRole.BUREAU_ADMIN, null);
        assertThat(u.getAuthorities()).extracting(GrantedAuthority::getAuthority)
                .containsExactlyInAnyOrder("ROLE_BUREAU_ADMIN", "ROLE_BUREAU");
    }
}
