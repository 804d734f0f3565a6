package cn.cdcq.registry.client.identity;

/**
 * What an account may do in the service, and the {@code role} attribute its Fabric CA
 * enrollment certificate carries, which the chaincode checks (docs/design.md §2).
 */
public enum AccountRole {
    /** A bureau user who also manages the service's accounts. */
    BUREAU_ADMIN("bureau"),
    BUREAU("bureau"),
    TRAINING_CENTER("training_center"),
    INSPECTOR("inspector"),
    /**
     * A platform enterprise's own account, enrolled with its USCC ({@code uscc} attribute): it
     * files and corrects that enterprise's reports, where its region's bureau has turned
     * self-filing on (docs/reports.md), and reads them; nothing else.
     */
    ENTERPRISE("enterprise"),
    /**
     * The service's own identity for its open endpoints ({@code /api/v1/public/**}): it reads the
     * ledger (verification, public profiles) and may write nothing, since no contract grants the
     * role {@code reader} anything. Made by the service itself ({@link PublicReader}); nobody logs
     * in with it and no administrator can create one.
     */
    PUBLIC_READER("reader");

    private final String fabricRole;

    AccountRole(String fabricRole) {
        this.fabricRole = fabricRole;
    }

    /** The value of the {@code role} attribute in the enrollment certificate. */
    public String fabricRole() {
        return fabricRole;
    }
}
