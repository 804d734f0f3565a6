package cn.cdcq.registry.common.credential;

import java.util.Set;

/** The contexts, types and terms the registry's credentials use and its verifier knows. */
public final class Vocabulary {

    /** VC Data Model 2.0. Its {@code @vocab} (issuer-dependent) covers the registry's own terms. */
    public static final String CREDENTIALS_V2 = "https://www.w3.org/ns/credentials/v2";
    /** The W3C examples context (the test vectors use it); its {@code @vocab} covers any example type. */
    public static final String EXAMPLES_V2 = "https://www.w3.org/ns/credentials/examples/v2";
    public static final String DID_V1 = "https://www.w3.org/ns/did/v1";
    public static final String MULTIKEY_V1 = "https://w3id.org/security/multikey/v1";

    public static final String VERIFIABLE_CREDENTIAL = "VerifiableCredential";
    public static final String SKILL_CERTIFICATE_CREDENTIAL = "SkillCertificateCredential";
    public static final String STATUS_LIST_CREDENTIAL = "BitstringStatusListCredential";
    public static final String STATUS_LIST = "BitstringStatusList";
    public static final String STATUS_LIST_ENTRY = "BitstringStatusListEntry";
    public static final String MULTIKEY = "Multikey";
    public static final String ASSERTION_METHOD = "assertionMethod";

    public static final String REVOCATION = "revocation";
    public static final String SUSPENSION = "suspension";

    /** Credential types this verifier knows without the examples context. */
    public static final Set<String> KNOWN_TYPES = Set.of(VERIFIABLE_CREDENTIAL, SKILL_CERTIFICATE_CREDENTIAL,
            STATUS_LIST_CREDENTIAL);
    public static final Set<String> KNOWN_CONTEXTS = Set.of(CREDENTIALS_V2, EXAMPLES_V2);

    private Vocabulary() {
    }
}
