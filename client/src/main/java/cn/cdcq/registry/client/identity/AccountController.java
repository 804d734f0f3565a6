package cn.cdcq.registry.client.identity;

import cn.cdcq.registry.common.region.RegionTransactions;
import cn.cdcq.registry.client.fabric.UserGateways;
import cn.cdcq.registry.client.config.ServiceProperties;
import cn.cdcq.registry.client.api.LedgerJson;
import cn.cdcq.registry.common.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.util.List;

/** Accounts of this region's service, managed by its bureau administrators; and "who am I". */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Accounts", description = "Users of this region's service and their Fabric identities")
public class AccountController {

    private final Accounts accounts;
    private final UserGateways gateways;
    private final ServiceProperties properties;

    public AccountController(Accounts accounts, UserGateways gateways, ServiceProperties properties) {
        this.accounts = accounts;
        this.gateways = gateways;
        this.properties = properties;
    }

    @PostMapping("/accounts")
    @PreAuthorize("hasRole('BUREAU_ADMIN')")
    @Operation(summary = "Create an account", description = "Registers and enrolls the account at the region's Fabric CA "
            + "with the attributes of its role (role, centerId, inspectorId, uscc). Bureau administrators only.")
    public ResponseEntity<AccountView> create(@Valid @RequestBody NewAccount request, @AuthenticationPrincipal UserDetails admin) {
        request.validate(properties.regionCode());
        String password = request.password() != null ? request.password() : Accounts.randomSecret();
        Account account = accounts.create(request, password, admin.getUsername());
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(AccountView.of(account, properties.mspId(), request.password() == null ? password : null));
    }

    @GetMapping("/accounts")
    @PreAuthorize("hasRole('BUREAU_ADMIN')")
    @Operation(summary = "List the accounts of this service")
    public List<AccountView> list() {
        return accounts.all().stream().map(a -> AccountView.of(a, properties.mspId(), null)).toList();
    }

    @GetMapping("/accounts/{name}")
    @PreAuthorize("hasRole('BUREAU_ADMIN')")
    @Operation(summary = "One account")
    public AccountView get(@PathVariable String name) {
        return accounts.find(name).map(a -> AccountView.of(a, properties.mspId(), null))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no account " + name + " in this service"));
    }

    @GetMapping(value = "/whoami", produces = "application/json")
    @Operation(summary = "Who the caller is", description = "The account, and the ledger's view of its Fabric identity "
            + "(organization, region, role and attributes from the enrollment certificate) by region:whoAmI.")
    public ResponseEntity<String> whoami(@AuthenticationPrincipal UserDetails user) {
        Account account = accounts.find(user.getUsername()).orElseThrow();
        String ledgerView = gateways.gateway(account.name()).evaluate(RegionTransactions.CONTRACT, RegionTransactions.WHO_AM_I);
        ObjectNode me = Json.mapper().createObjectNode();
        me.put("account", account.name());
        me.put("role", account.role().name());
        me.put("service", properties.regionCode());
        me.set("ledger", Json.tree(ledgerView));
        return LedgerJson.ok(me);
    }
}
