package cn.cdcq.registry.client.identity;

import cn.cdcq.registry.common.ErrorCode;
import cn.cdcq.registry.client.api.CodedException;
import cn.cdcq.registry.client.fabric.AccountKeys;
import cn.cdcq.registry.client.fabric.MspIdentity;
import cn.cdcq.registry.client.config.ServiceProperties;
import cn.cdcq.registry.common.crypto.Signatures;
import cn.cdcq.registry.common.format.Uscc;
import cn.cdcq.registry.common.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The service's accounts: each is registered and enrolled at the region's Fabric CA with the
 * attributes of its role, so the ledger sees the user's own identity. Stored one file per
 * account under {@code DATA_DIR/accounts/} (mode 0600), private keys encrypted by the
 * {@link KeyVault}. On first start the bootstrap bureau administrator is created with the
 * password in the file the scripts wrote.
 */
@Component
public class Accounts implements AccountKeys {

    private static final Logger log = LoggerFactory.getLogger(Accounts.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ServiceProperties properties;
    private final Path folder;
    private final KeyVault vault;
    private final FabricCaClient ca;
    private final PasswordEncoder passwords;
    private final Map<String, MspIdentity> identities = new ConcurrentHashMap<>();

    public Accounts(ServiceProperties properties, PasswordEncoder passwords) {
        this.properties = properties;
        this.folder = properties.dataDir().resolve("accounts");
        this.vault = KeyVault.open(properties.masterSecret());
        this.ca = new FabricCaClient(properties.ca().url(), properties.ca().name(), properties.ca().certificate());
        this.passwords = passwords;
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + folder, e);
        }
        bootstrapAdministrator();
    }

    /** The default encoder of the service: BCrypt. */
    public static PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    public Optional<Account> find(String name) {
        if (name == null || !NewAccount.NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        Path file = fileOf(name);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.read(Files.readString(file), Account.class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read account file " + file, e);
        }
    }

    public List<Account> all() {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted()
                    .map(f -> f.getFileName().toString().replaceFirst("\\.json$", ""))
                    .map(this::find).flatMap(Optional::stream).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }

    /**
     * Registers and enrolls a new account at the region's CA and stores it. The request has been
     * validated ({@link NewAccount#validate}); {@code password} is the account's login password.
     */
    public synchronized Account create(NewAccount request, String password, String createdBy) {
        if (find(request.name()).isPresent()) {
            throw new AccountExistsException("account " + request.name() + " already exists in this service");
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("role", request.role().fabricRole());
        if (request.centerId() != null) {
            attributes.put("centerId", request.centerId());
        }
        if (request.inspectorId() != null) {
            attributes.put("inspectorId", request.inspectorId());
        }
        // The enterprise's USCC as the ledger writes it (trimmed, upper case): the chaincode compares it exactly.
        String uscc = request.uscc() == null ? null : Uscc.validate(request.uscc());
        if (uscc != null) {
            attributes.put("uscc", uscc);
        }
        String enrollmentSecret = randomSecret();
        MspIdentity registrar = MspIdentity.load(properties.mspId(), properties.ca().registrarMsp());
        ca.register(registrar, request.name(), enrollmentSecret, attributes);
        FabricCaClient.Enrollment enrollment = ca.enroll(request.name(), enrollmentSecret);
        Account account = new Account(request.name(), request.role(), request.centerId(), request.inspectorId(),
                passwords.encode(password), enrollment.certificatePem(),
                vault.encrypt(enrollment.privateKeyPem().getBytes(StandardCharsets.UTF_8), request.name()),
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), createdBy, uscc);
        save(account);
        log.info("account {} ({}) registered and enrolled at {} by {}", account.name(), account.role(),
                properties.ca().name(), createdBy);
        return account;
    }

    /** The account's Fabric identity, its key decrypted once and kept in memory. */
    @Override
    public MspIdentity identity(String name) {
        return identities.computeIfAbsent(name, n -> {
            Account account = find(n).orElseThrow(() -> new IllegalArgumentException("no account " + n));
            String keyPem = new String(vault.decrypt(account.encryptedKey(), n), StandardCharsets.UTF_8);
            return new MspIdentity(properties.mspId(), Signatures.parseCertificate(account.certificatePem()),
                    Signatures.parsePrivateKey(keyPem));
        });
    }

    private void bootstrapAdministrator() {
        String name = properties.admin().account();
        if (find(name).isPresent()) {
            return;
        }
        Path passwordFile = properties.admin().passwordFile();
        String password;
        try {
            password = Files.readString(passwordFile).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the administrator's password file " + passwordFile
                    + " (scripts/start.sh writes it)", e);
        }
        if (password.length() < 12) {
            throw new IllegalStateException("the administrator's password in " + passwordFile + " is shorter than 12 characters");
        }
        create(new NewAccount(name, AccountRole.BUREAU_ADMIN, null, null, null), password, "bootstrap");
    }

    private void save(Account account) {
        Path file = fileOf(account.name());
        Path tmp = file.resolveSibling(account.name() + ".json.tmp");
        try {
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, Json.write(account));
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write account file " + file, e);
        }
    }

    private Path fileOf(String name) {
        return folder.resolve(name + ".json");
    }

    static String randomSecret() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** An account of that name exists already. */
    public static final class AccountExistsException extends CodedException {
        public AccountExistsException(String message) {
            super(ErrorCode.ALREADY_EXISTS, message, null);
        }
    }
}
