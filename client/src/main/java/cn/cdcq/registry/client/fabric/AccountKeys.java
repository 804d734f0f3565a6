package cn.cdcq.registry.client.fabric;

/**
 * The signing identity of each of the service's accounts, which every ledger call is made with.
 * The accounts themselves live a floor above ({@code identity/Accounts} implements this), so
 * Fabric access asks for what it needs without importing them.
 */
public interface AccountKeys {

    /** The Fabric identity and private key of {@code account}. */
    MspIdentity identity(String account);
}
