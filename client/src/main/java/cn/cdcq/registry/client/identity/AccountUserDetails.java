package cn.cdcq.registry.client.identity;

import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/** Spring Security's view of an account: its BCrypt hash and its role (plus BUREAU for administrators). */
@Component
public class AccountUserDetails implements UserDetailsService {

    private final Accounts accounts;

    public AccountUserDetails(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        Account account = accounts.find(username).orElseThrow(() -> new UsernameNotFoundException("no such account"));
        List<String> roles = new ArrayList<>(List.of(account.role().name()));
        if (account.role() == AccountRole.BUREAU_ADMIN) {
            roles.add(AccountRole.BUREAU.name());
        }
        // The public reader acts only for the open endpoints; nobody logs in as it.
        return User.withUsername(account.name()).password(account.passwordHash())
                .roles(roles.toArray(String[]::new)).disabled(account.role() == AccountRole.PUBLIC_READER).build();
    }
}
