package cn.cdcq.registry.client.e2e;

import cn.cdcq.registry.client.e2e.E2eServices.Answer;
import cn.cdcq.registry.client.e2e.E2eServices.Service;
import cn.cdcq.registry.client.e2e.NetworkDescription.RegionEndpoint;
import cn.cdcq.registry.client.fabric.MspIdentity;
import cn.cdcq.registry.client.fabric.RegistryGateway;
import cn.cdcq.registry.client.identity.Account;
import cn.cdcq.registry.client.identity.FabricCaClient;
import cn.cdcq.registry.client.identity.KeyVault;
import cn.cdcq.registry.common.crypto.Signatures;
import cn.cdcq.registry.common.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.grpc.ManagedChannel;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Hash;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A revoked and an expired identity on the real network (docs/operations.md, "Revoking an
 * identity"; docs/authorization.md, the last two columns): scripts/channel-update.sh changes the
 * channel configuration only with the signatures its policies name; scripts/revoke-identity.sh
 * revokes at the region's CA and puts the CRL into the region's MSP in the channel; then the
 * revoked identity's and the expired identity's calls are refused through the Fabric Gateway
 * directly and through the regional service's REST API (403 with the code IDENTITY_REFUSED or
 * IDENTITY_EXPIRED), while an identity of the same region that is neither still works, and the
 * refused calls change nothing on the ledger.
 *
 * <p>What it leaves on the network: Chengdu's CRL lists the identities revoked here (made here,
 * used by no other test), and the channel's ACL for {@code event/Block} is Fabric's default,
 * explicitly or not (each run toggles it); the suite's other tests run on.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RevocationIT {

    static final SecureRandom RANDOM = new SecureRandom();
    static final String SITE = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);

    static E2eNetwork net;
    static E2eServices services;
    static Path data;
    static RegionEndpoint chengdu;
    static ManagedChannel cdPeer;
    static ManagedChannel cqPeer;
    static FabricCaClient cdCa;
    static MspIdentity registrar;
    static final List<Gateway> raw = new ArrayList<>();

    /** A Chengdu bureau identity enrolled here for the gateway calls, revoked in the second test. */
    static MspIdentity toRevoke;
    /** How long the short-lived certificates are valid from the start of the class. */
    static final long SHORT_LIFE_SECONDS = 30;
    /** A Chengdu bureau identity whose certificate expires {@link #SHORT_LIFE_SECONDS} after the start. */
    static MspIdentity shortLived;
    /** A Chengdu service account whose certificate expires at the same time. */
    static Service shortLivedAccount;
    static Instant shortLivedUntil;

    @BeforeAll
    static void connect() throws Exception {
        net = new E2eNetwork();
        net.ensureRegionsRegistered();
        services = new E2eServices();
        data = Path.of(System.getProperty("e2e.network")).toAbsolutePath().getParent();
        chengdu = net.region("chengdu");
        RegionEndpoint chongqing = net.region("chongqing");
        cdPeer = RegistryGateway.openChannel(chengdu.peerEndpoint(), chengdu.peerHostAlias(), chengdu.tlsCaCert());
        cqPeer = RegistryGateway.openChannel(chongqing.peerEndpoint(), chongqing.peerHostAlias(), chongqing.tlsCaCert());
        cdCa = new FabricCaClient(chengdu.caUrl(), chengdu.caName(), chengdu.caCert());
        registrar = MspIdentity.load(chengdu.mspId(), chengdu.usersDir().resolve("registrar/msp"));
        // The short-lived identities first: their seconds run while the first two tests do. Each
        // works while it is valid (a write through the gateway, a read through the service).
        shortLivedUntil = Instant.now().plusSeconds(SHORT_LIFE_SECONDS);
        shortLived = shortLivedCopy(enroll("rv-gx-" + SITE).certificate(), shortLivedUntil);
        String valid = TestValues.newUscc("915101");
        enterprise(shortLived, cdPeer).submitTransaction("registerEnterprise", valid, "Short Lived Works " + valid.substring(10), "false", "");
        shortLivedAccount = shortLivedAccount("rv-acx-" + SITE, shortLivedUntil);
        Answer whileValid = services.get(shortLivedAccount, "/api/v1/enterprises/" + valid);
        assertThat(whileValid.status()).as("the short-lived account before its certificate expires: " + whileValid).isEqualTo(200);
        assertThat(Instant.now()).as("the setup took longer than the short-lived certificates live").isBefore(shortLivedUntil);
        toRevoke = enroll("rv-gw-" + SITE);
    }

    @AfterAll
    static void close() throws Exception {
        raw.forEach(Gateway::close);
        for (ManagedChannel c : List.of(cdPeer, cqPeer)) {
            c.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        if (net != null) {
            net.close();
        }
    }

    @Test
    @Order(1)
    void theChannelConfigurationChangesOnlyWithTheSignaturesItsPoliciesName() throws Exception {
        // An ACL is a value of the Application group: its mod_policy is the group's Admins,
        // MAJORITY of the two regions' Admins, so both must sign. The change toggles event/Block
        // between an explicit /Channel/Application/Readers and no entry, which is Fabric's
        // default for it: either way the same callers may listen, and every run changes something.
        Run current = script("channel-update.sh", "show-acl", "event/Block");
        assertThat(current.exitCode()).as(current.toString()).isZero();
        String target = current.out().isBlank() ? "/Channel/Application/Readers" : "-";
        for (String alone : List.of("chengdu", "chongqing")) {
            Run refused = script("channel-update.sh", "--signers", alone, "set-acl", "event/Block", target);
            assertThat(refused.exitCode()).as(refused.toString()).isNotZero();
            assertThat(refused.err()).contains("policy for [Group]  /Channel/Application not satisfied")
                    .contains("requires 2 of the 'Admins' sub-policies");
        }
        // A region's MSP (its CAs and CRL) is governed by that region's Admins: the other region
        // alone cannot change it (it cannot revoke, or un-revoke, Chengdu's users).
        Path crl = Files.createTempFile("chengdu-crl", ".pem");
        Run refused = script("channel-update.sh", "--signers", "chongqing", "set-crl", "chengdu",
                writeCurrentCrl(crl).toString());
        assertThat(refused.exitCode()).as(refused.toString()).isNotZero();
        assertThat(refused.err()).contains("policy for [Value]  /Channel/Application/ChengduMSP/MSP not satisfied");
        Files.deleteIfExists(crl);

        long before = net.height("chengdu");
        long cqBefore = net.height("chongqing");
        Run both = script("channel-update.sh", "set-acl", "event/Block", target);
        assertThat(both.exitCode()).as(both.toString()).isZero();
        assertThat(Long.parseLong(both.out().strip())).as("the new config block").isGreaterThanOrEqualTo(before);
        assertThat(net.height("chengdu")).isGreaterThan(before);
        assertThat(net.height("chongqing")).as("the script waits for both peers").isGreaterThan(cqBefore);
        assertThat(script("channel-update.sh", "show-acl", "event/Block").out().strip())
                .isEqualTo(target.equals("-") ? "" : target);
    }

    @Test
    @Order(2)
    void aRevokedIdentityIsRefusedThroughTheGatewayAndTheRestApi() throws Exception {
        Service admin = services.admin("chengdu");
        Service revokedAccount = services.createAccount(admin, "rv-acr-" + SITE, "BUREAU", null, null);
        Service keptAccount = services.createAccount(admin, "rv-ack-" + SITE, "BUREAU", null, null);
        Contract direct = enterprise(toRevoke, cdPeer);
        // Before: the identity and the account work.
        String before1 = TestValues.newUscc("915101");
        direct.submitTransaction("registerEnterprise", before1, "Revocation Test Works " + before1.substring(10), "false", "");
        assertThat(new String(direct.evaluateTransaction("getEnterprise", before1), StandardCharsets.UTF_8)).contains(before1);
        assertThat(registerViaRest(revokedAccount, TestValues.newUscc("915101")).status()).isEqualTo(200);

        long started = System.nanoTime();
        Run revoke = script("revoke-identity.sh", "chengdu", "rv-gw-" + SITE, "rv-acr-" + SITE);
        long revokeMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertThat(revoke.exitCode()).as(revoke.toString()).isZero();
        Run listed = script("channel-update.sh", "show-crl", "chengdu");
        List<java.math.BigInteger> serials = listed.out().lines().map(String::strip).filter(l -> !l.isEmpty())
                .map(l -> new java.math.BigInteger(l, 16)).toList();
        assertThat(serials).as(listed.toString()).contains(toRevoke.certificate().getSerialNumber(),
                Signatures.parseCertificate(accountFile("rv-acr-" + SITE).certificatePem()).getSerialNumber());
        System.out.printf("revoke-identity.sh (2 identities, CRL into the channel, both peers committed): %d ms%n", revokeMillis);

        long cdHeight = net.height("chengdu");
        long cqHeight = net.height("chongqing");
        String refusedUscc = TestValues.newUscc("915101");
        // Through the Fabric Gateway, both regions' peers: the read and the write are refused.
        for (ManagedChannel peer : List.of(cdPeer, cqPeer)) {
            Contract revoked = enterprise(toRevoke, peer);
            GatewayException read = catchThrowableOfType(GatewayException.class,
                    () -> revoked.evaluateTransaction("getEnterprise", before1));
            assertThat(read).as("a revoked identity's evaluate").isNotNull();
            assertThat(describe(read)).contains("access denied: channel [" + net.description.channel() + "] creator org [ChengduMSP]");
            GatewayException write = catchThrowableOfType(GatewayException.class, () -> revoked.submitTransaction(
                    "registerEnterprise", refusedUscc, "Revoked Works " + refusedUscc.substring(10), "false", ""));
            assertThat(write).as("a revoked identity's submit").isNotNull();
            assertThat(describe(write)).contains("access denied");
            System.out.println("revoked, through " + peer.authority() + ": evaluate " + describe(read) + " | submit " + describe(write));
        }
        // Through the regional service: the revoked account is refused with a clear code, the
        // other account of the same region works.
        Answer restRead = services.get(revokedAccount, "/api/v1/enterprises/" + before1);
        assertRefused(restRead, "IDENTITY_REFUSED");
        Answer restWrite = registerViaRest(revokedAccount, refusedUscc);
        assertRefused(restWrite, "IDENTITY_REFUSED");
        System.out.println("revoked, REST: " + restWrite);
        assertThat(services.get(keptAccount, "/api/v1/enterprises/" + before1).status()).isEqualTo(200);
        String keptUscc = TestValues.newUscc("915101");
        long cdBeforeKept = net.height("chengdu");
        assertThat(cdBeforeKept).as("the refused calls committed no block").isEqualTo(cdHeight);
        assertThat(net.height("chongqing")).isEqualTo(cqHeight);
        assertThat(registerViaRest(keptAccount, keptUscc).status()).isEqualTo(200);
        Contract kept = enterprise(MspIdentity.load(chengdu.mspId(), chengdu.userMsp("bureau")), cdPeer);
        assertThat(new String(kept.evaluateTransaction("getEnterprise", keptUscc), StandardCharsets.UTF_8)).contains(keptUscc);
        // Nothing of the refused write reached the ledger.
        assertNotFound(kept, refusedUscc);
    }

    @Test
    @Order(3)
    void anExpiredIdentityIsRefusedThroughTheGatewayAndTheRestApi() throws Exception {
        Duration wait = Duration.between(Instant.now(), shortLivedUntil.plusSeconds(1));
        System.out.printf("waiting %d s for the short-lived certificates to expire (at %s)%n", Math.max(0, wait.toSeconds()), shortLivedUntil);
        if (!wait.isNegative()) {
            Thread.sleep(wait.toMillis());
        }
        Contract keptReader = enterprise(MspIdentity.load(chengdu.mspId(), chengdu.userMsp("bureau")), cdPeer);
        String existing = TestValues.newUscc("915101");
        keptReader.submitTransaction("registerEnterprise", existing, "Expiry Test Works " + existing.substring(10), "false", "");
        net.awaitPeersInSync();
        long cdHeight = net.height("chengdu");
        long cqHeight = net.height("chongqing");
        String refusedUscc = TestValues.newUscc("915101");

        for (ManagedChannel peer : List.of(cdPeer, cqPeer)) {
            Contract expired = enterprise(shortLived, peer);
            // The write: the other region's peer's ExpirationCheck filter refuses the proposal
            // (the gateway's own peer endorses without that filter).
            GatewayException write = catchThrowableOfType(GatewayException.class, () -> expired.submitTransaction(
                    "registerEnterprise", refusedUscc, "Expired Works " + refusedUscc.substring(10), "false", ""));
            assertThat(write).as("an expired identity's submit through " + peer.authority()).isNotNull();
            assertThat(describe(write)).contains("proposal client identity expired");
            // The read: answered by the gateway's own peer, whose endorser checks no expiry
            // (Fabric 2.5.9 hands the gateway the endorser without the auth filters, and the MSP
            // validates at the certificate's NotBefore). This is why the regional service refuses
            // an expired certificate itself, before calling.
            String read = new String(expired.evaluateTransaction("getEnterprise", existing), StandardCharsets.UTF_8);
            assertThat(read).as("Fabric 2.5.9's gateway answers an expired identity's evaluate from its own peer").contains(existing);
            System.out.println("expired, through " + peer.authority() + ": submit " + describe(write) + " | evaluate answered");
            // The gateway read the other peer's refusal as a transport failure and dropped its
            // connection to it; the next proposal reconnects: a valid identity's write still works.
            String after = TestValues.newUscc("915101");
            enterprise(MspIdentity.load(chengdu.mspId(), chengdu.userMsp("bureau")), peer)
                    .submitTransaction("registerEnterprise", after, "After Expiry Works " + after.substring(10), "false", "");
            net.awaitPeersInSync();
            cdHeight++;
            cqHeight++;
        }
        assertThat(net.height("chengdu")).as("only the valid identity's writes committed blocks").isEqualTo(cdHeight);
        assertThat(net.height("chongqing")).isEqualTo(cqHeight);

        Answer restRead = services.get(shortLivedAccount, "/api/v1/enterprises/" + existing);
        assertRefused(restRead, "IDENTITY_EXPIRED");
        Answer restWrite = registerViaRest(shortLivedAccount, refusedUscc);
        assertRefused(restWrite, "IDENTITY_EXPIRED");
        System.out.println("expired, REST: " + restWrite);
        assertThat(net.height("chengdu")).isEqualTo(cdHeight);
        assertNotFound(keptReader, refusedUscc);
    }

    // ------------------------------------------------------------------ helpers

    private static void assertRefused(Answer answer, String code) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(403);
        assertThat(answer.body().path("code").asText()).as(answer.toString()).isEqualTo(code);
        assertThat(answer.headers()).doesNotContainKey("retry-after");
    }

    private static void assertNotFound(Contract reader, String uscc) {
        GatewayException missing = catchThrowableOfType(GatewayException.class, () -> reader.evaluateTransaction("getEnterprise", uscc));
        assertThat(missing).as("enterprise " + uscc + " must not be on the ledger").isNotNull();
        assertThat(describe(missing)).contains("NOT_FOUND");
    }

    private static Answer registerViaRest(Service account, String uscc) {
        ObjectNode body = Json.mapper().createObjectNode().put("uscc", uscc).put("name", "Revocation REST Works " + uscc.substring(10))
                .put("platform", false);
        return services.post(account, "/api/v1/enterprises", body);
    }

    /** The gateway's status, message and each peer's answer. */
    private static String describe(GatewayException e) {
        StringBuilder b = new StringBuilder(e.getStatus().getCode() + ": " + e.getStatus().getDescription());
        e.getDetails().forEach(d -> b.append(" [").append(d.getMspId()).append(' ').append(d.getAddress()).append(": ")
                .append(d.getMessage()).append(']'));
        return b.toString();
    }

    private static Contract enterprise(MspIdentity id, ManagedChannel peer) {
        Gateway gw = Gateway.newInstance().identity(id.identity()).signer(id.signer()).hash(Hash.SHA256).connection(peer)
                .evaluateOptions(o -> o.withDeadlineAfter(30, TimeUnit.SECONDS))
                .endorseOptions(o -> o.withDeadlineAfter(30, TimeUnit.SECONDS))
                .submitOptions(o -> o.withDeadlineAfter(30, TimeUnit.SECONDS))
                .commitStatusOptions(o -> o.withDeadlineAfter(60, TimeUnit.SECONDS)).connect();
        raw.add(gw);
        return gw.getNetwork(net.description.channel()).getContract(net.description.chaincode(), "enterprise");
    }

    /** Registers {@code name} (role bureau) with the service's registrar and enrolls it. */
    private static MspIdentity enroll(String name) {
        String secret = "s-" + SITE + "-" + Integer.toHexString(name.hashCode());
        cdCa.register(registrar, name, secret, Map.of("role", "bureau"));
        FabricCaClient.Enrollment e = cdCa.enroll(name, secret);
        return new MspIdentity(chengdu.mspId(), Signatures.parseCertificate(e.certificatePem()),
                Signatures.parsePrivateKey(e.privateKeyPem()));
    }

    /**
     * A certificate the region's CA could have issued, expiring at {@code notAfter}: {@code template}
     * (an enrollment certificate of that CA) with a fresh key, a fresh serial number and that
     * expiry, signed with the CA's own key. Fabric CA 1.5 cannot issue it: its enrollment ignores
     * a requested NotAfter (the signing profile's expiry wins), and a signing profile added to
     * its configuration refuses every enrollment, since only its built-in profiles (default, ca,
     * tls) accept the attribute extension every enrollment certificate carries (lib/ca.go,
     * initSigningProfile). The test reads the CA's key as the CA's operator could.
     */
    private static MspIdentity shortLivedCopy(X509Certificate template, Instant notAfter) throws Exception {
        X509Certificate ca = Signatures.parseCertificate(Files.readString(chengdu.caCert()));
        PrivateKey caKey = caKey(ca);
        KeyPair pair = E2eNetwork.newP256KeyPair();
        var builder = new JcaX509v3CertificateBuilder(ca, new BigInteger(127, RANDOM), template.getNotBefore(),
                Date.from(notAfter), template.getSubjectX500Principal(), pair.getPublic());
        X509CertificateHolder holder = new JcaX509CertificateHolder(template);
        for (Object oid : holder.getExtensionOIDs()) {
            ASN1ObjectIdentifier id = (ASN1ObjectIdentifier) oid;
            if (id.equals(Extension.subjectKeyIdentifier)) {
                builder.addExtension(id, false, new JcaX509ExtensionUtils().createSubjectKeyIdentifier(pair.getPublic()));
            } else {
                builder.copyAndAddExtension(id, holder.getExtension(id).isCritical(), holder);
            }
        }
        X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKey)));
        cert.verify(ca.getPublicKey());
        return new MspIdentity(chengdu.mspId(), cert, pair.getPrivate());
    }

    /** The CA's signing key: of the keys in its keystore, the one its certificate's public key verifies. */
    private static PrivateKey caKey(X509Certificate ca) throws Exception {
        Path keystore = data.resolve("ca/chengdu/msp/keystore");
        try (var files = Files.list(keystore)) {
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith("_sk")).toList()) {
                PrivateKey k = Signatures.parsePrivateKey(Files.readString(f));
                byte[] probe = "which key".getBytes(StandardCharsets.UTF_8);
                java.security.Signature v = java.security.Signature.getInstance("SHA256withECDSA");
                v.initVerify(ca.getPublicKey());
                v.update(probe);
                if (v.verify(Signatures.sign(k, probe))) {
                    return k;
                }
            }
        }
        throw new AssertionError("no key in " + keystore + " matches the CA certificate");
    }

    /**
     * A Chengdu service account, created through the API (the service registers and enrolls it),
     * whose stored certificate and key are then replaced by a short-lived copy of its certificate
     * (same subject and attributes) before the service first loads them: the account file as the
     * service writes it, the key encrypted with the service's master secret, mode 0600.
     */
    private static Service shortLivedAccount(String name, Instant notAfter) throws Exception {
        Service account = services.createAccount(services.admin("chengdu"), name, "BUREAU", null, null);
        Path file = accountsDir().resolve(name + ".json");
        Account stored = Json.read(Files.readString(file), Account.class);
        MspIdentity copy = shortLivedCopy(Signatures.parseCertificate(stored.certificatePem()), notAfter);
        KeyVault vault = KeyVault.open(Path.of(serviceSetting("master-secret-file")));
        String keyPem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(copy.privateKey().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        Account replaced = new Account(stored.name(), stored.role(), stored.centerId(), stored.inspectorId(),
                stored.passwordHash(), Signatures.toPem(copy.certificate()),
                vault.encrypt(keyPem.getBytes(StandardCharsets.UTF_8), name), stored.createdAt(), stored.createdBy());
        Path tmp = file.resolveSibling(name + ".json.rv");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, Json.write(replaced));
        // Owned as the service's own file is: in the split layout (scripts/split-test.sh) the service
        // runs as its region's user, and this test as root.
        Files.setOwner(tmp, Files.getOwner(file));
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return account;
    }

    private static String serviceSetting(String key) throws IOException {
        Path yml = Path.of(services.services.getProperty("chengdu.config"));
        return Files.readAllLines(yml).stream().map(String::strip).filter(l -> l.startsWith(key + ":"))
                .map(l -> l.substring(key.length() + 1).strip()).findFirst()
                .orElseThrow(() -> new AssertionError("no " + key + " in " + yml));
    }

    private static Path accountsDir() throws IOException {
        return Path.of(serviceSetting("data-dir"), "accounts");
    }

    private static Account accountFile(String name) throws IOException {
        return Json.read(Files.readString(accountsDir().resolve(name + ".json")), Account.class);
    }

    /** The Chengdu CA's current CRL (gencrl as its bootstrap administrator), written to {@code file}. */
    private static Path writeCurrentCrl(Path file) throws Exception {
        Run run = bash("source scripts/lib/common.sh; DATA=$CDCQ_DATA; PORT_BASE=$(cat $DATA/port-base);"
                + " BIN=$(scripts/fabric-bin.sh); source scripts/lib/network.sh; set_ports $PORT_BASE;"
                + " ca_client chengdu $CA_CD_PORT gencrl && cp $DATA/ca-admin/chengdu/msp/crls/crl.pem '" + file + "'");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        return file;
    }

    record Run(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\nstdout:\n" + out + "\nstderr:\n" + err;
        }
    }

    private static Run script(String name, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(services.root.resolve("scripts").resolve(name).toString()));
        command.addAll(List.of(args));
        return run(command);
    }

    private static Run bash(String script) throws Exception {
        return run(List.of("bash", "-c", script));
    }

    private static Run run(List<String> command) throws Exception {
        Path out = Files.createTempFile("rv", ".out");
        Path err = Files.createTempFile("rv", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).directory(services.root.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().put("CDCQ_DATA", data.toString());
            Process p = pb.start();
            p.getOutputStream().close();
            if (!p.waitFor(180, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(command + " did not finish in 180 s");
            }
            return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
