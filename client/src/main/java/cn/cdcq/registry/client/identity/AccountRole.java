package cn.cdcq.registry.client.identity;

/**
 * What an account may do in the service, and the {@code role} attribute its Fabric CA
 * enrollment certificate carries, which the chaincode checks (DESIGN §2).
 */
public enum AccountRole {
    /** A bureau user who also manages the service's accounts. */
    BUREAU_ADMIN("bureau"),
    BUREAU("bureau"),
    TRAINING_CENTER("training_center"),
    INSPECTOR("inspector");

    private final String fabricRole;

    AccountRole(String fabricRole) {
        this.fabricRole = fabricRole;
    }

    /** The value of the {@code role} attribute in the enrollment certificate. */
    public String fabricRole() {
        return fabricRole;
    }
}
