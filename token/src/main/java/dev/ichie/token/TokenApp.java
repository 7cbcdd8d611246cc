package dev.ichie.token;

import dev.ichie.otp.Totp;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The token app's core, for the command line and the desktop window alike: the accounts in the
 * encrypted vault, their codes, activation, removal, the app-lock PIN and the clock check. It
 * prints nothing; every failure is a {@link TokenException} whose {@link Problem} has a message in
 * {@link Texts}.
 *
 * <pre>{@code
 * TokenHome home = TokenHome.fromEnvironment();
 * TokenAppOptions options = TokenAppOptions.defaults();
 * try (TokenApp app = TokenApp.protection(home) == VaultProtection.PIN
 *     ? TokenApp.unlock(home, options, pin)
 *     : TokenApp.open(home, options)) {
 *   ActivationResult result = app.activate(
 *       ActivationRequest.of(ServerEndpoint.of("https://otp.example.jp", null, false),
 *           "demo", "2915086876", ActivationRequest.defaultDeviceLabel()),
 *       activationPassword);
 *   if (result.clock().clockOff()) { ... tell the customer to set the clock ... }
 *   Code code = app.code(result.account());   // code.digits(), code.secondsLeft()
 * }
 * }</pre>
 *
 * <p>An open app holds the vault key in memory until {@link #close()}, which wipes it. Changes are
 * written at once, atomically, under a lock shared with other processes on the same home; a change
 * re-reads the vault first, so that two programs on one home do not undo each other's work.
 *
 * <p>Thread-safe: every method may be called from any thread; {@link #activate} does its network
 * work without holding the app's lock.
 */
public final class TokenApp implements AutoCloseable {

  private final TokenHome home;
  private final TokenAppOptions options;
  private final VaultFile file;
  private VaultFile.Key key;
  private List<VaultEntry> entries;
  private boolean closed;

  private TokenApp(
      TokenHome home,
      TokenAppOptions options,
      VaultFile file,
      VaultFile.Key key,
      List<VaultEntry> entries) {
    this.home = home;
    this.options = options;
    this.file = file;
    this.key = key;
    this.entries = List.copyOf(entries);
  }

  /**
   * How the vault in a home is protected, without opening it: ask for the PIN when this is {@link
   * VaultProtection#PIN}.
   *
   * @param home the app's home
   * @return NONE (no vault yet), KEY_FILE or PIN
   * @throws TokenException {@link Problem#VAULT_DAMAGED} or {@link Problem#STORAGE}
   */
  public static VaultProtection protection(TokenHome home) throws TokenException {
    return new VaultFile(home, new java.security.SecureRandom()).protection();
  }

  /**
   * Opens a vault that has no PIN (or no vault yet: it is created with the first account).
   *
   * @throws TokenException {@link Problem#VAULT_LOCKED} if it has a PIN; {@link
   *     Problem#VAULT_DAMAGED}; {@link Problem#STORAGE}
   */
  public static TokenApp open(TokenHome home, TokenAppOptions options) throws TokenException {
    VaultFile file = new VaultFile(home, options.random());
    if (file.protection() == VaultProtection.NONE) {
      return new TokenApp(home, options, file, null, List.of());
    }
    VaultFile.Key key = file.keyFromKeyFile();
    return opened(home, options, file, key);
  }

  /**
   * Opens a vault with its app-lock PIN (about half a second of Argon2id). A vault without PIN
   * opens as with {@link #open}, ignoring the PIN.
   *
   * @param pin the PIN; not changed (the caller wipes it)
   * @throws TokenException {@link Problem#WRONG_PIN}; {@link Problem#VAULT_DAMAGED}; {@link
   *     Problem#STORAGE}
   */
  public static TokenApp unlock(TokenHome home, TokenAppOptions options, char[] pin)
      throws TokenException {
    Objects.requireNonNull(pin, "pin");
    VaultFile file = new VaultFile(home, options.random());
    VaultProtection protection = file.protection();
    if (protection == VaultProtection.NONE) {
      return new TokenApp(home, options, file, null, List.of());
    }
    VaultFile.Key key =
        protection == VaultProtection.PIN ? file.keyFromPin(pin) : file.keyFromKeyFile();
    return opened(home, options, file, key);
  }

  private static TokenApp opened(
      TokenHome home, TokenAppOptions options, VaultFile file, VaultFile.Key key)
      throws TokenException {
    try {
      return new TokenApp(home, options, file, key, file.read(key));
    } catch (TokenException | RuntimeException e) {
      key.close();
      throw e;
    }
  }

  /** The home this app works in. */
  public TokenHome home() {
    return home;
  }

  /** The options this app was opened with. */
  public TokenAppOptions options() {
    return options;
  }

  /** How the vault is protected now. */
  public synchronized VaultProtection protection() {
    return key == null ? VaultProtection.NONE : key.protection;
  }

  /**
   * Whether a service of this vault requires the app lock (a PIN) and the vault has none: the app
   * then asks for a PIN before anything else, and shows no code until one is set.
   */
  public synchronized boolean appLockMissing() {
    requireOpen();
    return protection() != VaultProtection.PIN
        && entries.stream().anyMatch(e -> e.account().appLockRequired());
  }

  /** The accounts, in the order they were activated. */
  public synchronized List<Account> accounts() {
    requireOpen();
    return entries.stream().map(VaultEntry::account).toList();
  }

  /**
   * Finds an account by its name {@code serviceId:userId}, or by its user ID or service ID alone
   * when only one account has it; with a null or empty name, the only account.
   *
   * @param name what the customer typed, or null
   * @return the account
   * @throws TokenException {@link Problem#NO_ACCOUNTS}, {@link Problem#NO_SUCH_ACCOUNT} or {@link
   *     Problem#AMBIGUOUS_ACCOUNT}
   */
  public synchronized Account account(String name) throws TokenException {
    List<Account> all = accounts();
    if (all.isEmpty()) {
      throw new TokenException(Problem.NO_ACCOUNTS, "the vault holds no account");
    }
    if (name == null || name.isBlank()) {
      if (all.size() == 1) {
        return all.get(0);
      }
      throw new TokenException(
          Problem.AMBIGUOUS_ACCOUNT, "name one of " + all.size() + " accounts", "");
    }
    String wanted = name.strip();
    for (Account a : all) {
      if (a.name().equals(wanted)) {
        return a;
      }
    }
    List<Account> matches =
        all.stream()
            .filter(a -> a.userId().equals(wanted) || a.serviceId().equals(wanted))
            .toList();
    if (matches.size() == 1) {
      return matches.get(0);
    }
    if (matches.isEmpty()) {
      throw new TokenException(Problem.NO_SUCH_ACCOUNT, "no account " + wanted, wanted);
    }
    throw new TokenException(Problem.AMBIGUOUS_ACCOUNT, "several accounts match " + wanted, wanted);
  }

  /**
   * The code now: the device clock plus the account's measured offset.
   *
   * @param account an account of this app
   * @return the code and its remaining time
   * @throws TokenException {@link Problem#NO_SUCH_ACCOUNT} if it was removed meanwhile
   */
  public Code code(Account account) throws TokenException {
    return codeAt(account, options.clock().instant().plus(account.clockOffset()));
  }

  /**
   * The code at a given time on the server's clock (no offset is added): for tests and for
   * comparing with other implementations.
   *
   * @param account an account of this app
   * @param serverTime the time
   * @return the code of the step holding that time
   * @throws TokenException {@link Problem#NO_SUCH_ACCOUNT} if it was removed meanwhile
   */
  public Code codeAt(Account account, Instant serverTime) throws TokenException {
    VaultEntry entry = usable(account);
    Totp totp = new Totp(entry.account().parameters());
    long step = totp.step(serverTime);
    long period = entry.account().parameters().period().getSeconds();
    return new Code(
        totp.generateAtStep(entry.secret(), step),
        step,
        serverTime,
        Instant.ofEpochSecond((step + 1) * period));
  }

  /**
   * Activates a token (F2): runs the activation protocol, checks the server's proof (M2) and only
   * then stores the account, replacing one with the same service and user ID.
   *
   * @param request server, IDs and device label
   * @param activationPassword 利用開始パスワード, 4–8 digits; not changed (the caller wipes it)
   * @return the account and the clock check; warn when {@link ClockCheck#clockOff()}
   * @throws TokenException {@link Problem#ACTIVATION_FAILED}, {@link Problem#SESSION_EXPIRED},
   *     {@link Problem#RATE_LIMITED}, {@link Problem#UNREACHABLE}, {@link
   *     Problem#CERTIFICATE_UNTRUSTED}, {@link Problem#KEY_PIN_MISMATCH}, {@link
   *     Problem#SERVER_NOT_VERIFIED}, {@link Problem#PROTOCOL_ERROR}, {@link
   *     Problem#INVALID_ACTIVATION_PASSWORD}, or a vault problem when storing
   */
  public ActivationResult activate(ActivationRequest request, char[] activationPassword)
      throws TokenException {
    synchronized (this) {
      requireOpen();
    }
    ActivationClient.Activated activated =
        new ActivationClient(options).activate(request, activationPassword);
    Account account = activated.entry().account();
    update(
        current -> {
          List<VaultEntry> next = new ArrayList<>();
          for (VaultEntry e : current) {
            if (!e.account().name().equals(account.name())) {
              next.add(e);
            }
          }
          next.add(activated.entry());
          return next;
        });
    return new ActivationResult(account, activated.clock());
  }

  /**
   * Whether the account has its device key for 取引認証.
   *
   * @throws TokenException {@link Problem#NO_SUCH_ACCOUNT}
   */
  public boolean hasDeviceKey(Account account) throws TokenException {
    return entry(account).deviceKey() != null;
  }

  /**
   * Makes the account's device key and registers it with the server, with the proof from the token
   * secret (a token activated without one: the upgrade to 取引認証); nothing if it has one.
   *
   * @throws TokenException {@link Problem#CONFIRMATION_REFUSED} (for example {@code KEY_EXISTS}: a
   *     key of this token was registered elsewhere, and only a new token helps), a transport
   *     problem, or a vault problem
   */
  public void registerDeviceKey(Account account) throws TokenException {
    VaultEntry current = usable(account);
    if (current.deviceKey() != null) {
      return;
    }
    VaultEntry withKey = new ConfirmationClient(options).registerDeviceKey(current);
    update(
        entries ->
            entries.stream()
                .map(e -> e.account().name().equals(account.name()) ? withKey : e)
                .toList());
  }

  /**
   * The account's confirmations waiting for a decision, each marked whether this app can show it.
   *
   * @throws TokenException {@link Problem#CONFIRMATION_REFUSED}, or a transport problem
   */
  public List<PendingConfirmation> pendingConfirmations(Account account) throws TokenException {
    return new ConfirmationClient(options).pending(usable(account));
  }

  /**
   * Approves or rejects a confirmation: signs exactly its fields as shown, with the device key.
   *
   * @return APPROVED or REJECTED, as the server decided
   * @throws TokenException {@link Problem#UNKNOWN_CONFIRMATION} for one this app does not show,
   *     {@link Problem#CONFIRMATION_REFUSED} when the server refuses
   */
  public String decide(Account account, PendingConfirmation confirmation, boolean approve)
      throws TokenException {
    return new ConfirmationClient(options).decide(usable(account), confirmation, approve);
  }

  /**
   * The offline 取引認証番号 for a payee's account number and an amount, as typed.
   *
   * @return the question (20 digits) and the 8-digit code, for this minute of the server's clock
   * @throws TokenException {@link Problem#INVALID_TRANSACTION} for other input
   */
  public String[] offlineCode(Account account, String accountNumber, String amount)
      throws TokenException {
    return ConfirmationClient.offlineCode(
        usable(account),
        accountNumber,
        amount,
        options.clock().instant().plus(account.clockOffset()));
  }

  /**
   * Removes an account and its secret. The token stays valid on the server until it is stopped in
   * web banking (F6); without it the customer cannot log in.
   *
   * @throws TokenException {@link Problem#NO_SUCH_ACCOUNT}, or a vault problem
   */
  public void remove(Account account) throws TokenException {
    entry(account);
    update(
        current ->
            current.stream().filter(e -> !e.account().name().equals(account.name())).toList());
  }

  /**
   * Measures the device clock against the account's server again (the {@code Date} header of a
   * {@code GET} of its base URL) and stores the new offset.
   *
   * @return the measurement; warn when {@link ClockCheck#clockOff()}
   * @throws TokenException {@link Problem#UNREACHABLE}, {@link Problem#CERTIFICATE_UNTRUSTED},
   *     {@link Problem#KEY_PIN_MISMATCH}, {@link Problem#PROTOCOL_ERROR}, or a vault problem
   */
  public ClockCheck checkClock(Account account) throws TokenException {
    entry(account);
    ClockCheck check = new ActivationClient(options).measureClock(account.server());
    Instant now = options.clock().instant();
    update(
        current ->
            current.stream()
                .map(
                    e ->
                        e.account().name().equals(account.name())
                            ? new VaultEntry(
                                e.account().withClockOffset(check.offset(), now), e.secret())
                            : e)
                .toList());
    return check;
  }

  /**
   * Sets or changes the app-lock PIN (アプリロック): the vault is written again under a key from the new
   * PIN (Argon2id, new salt), and the key file is deleted.
   *
   * @param newPin 6–64 characters; not changed (the caller wipes it)
   * @throws TokenException {@link Problem#INVALID_PIN}, or a vault problem
   */
  public void setPin(char[] newPin) throws TokenException {
    VaultFile.Key newKey = file.newPinKey(newPin, PinKeys.DEFAULT);
    rekey(newKey);
  }

  /**
   * Clears the app-lock PIN: the vault is written again under a new random key in a key file.
   *
   * @throws TokenException a vault problem
   */
  public void clearPin() throws TokenException {
    synchronized (this) {
      requireOpen();
      for (VaultEntry e : entries) {
        if (e.account().appLockRequired()) {
          throw new TokenException(
              Problem.APP_LOCK_REQUIRED,
              e.account().name() + " requires the app lock",
              e.account().serviceName());
        }
      }
    }
    rekey(file.newKeyFileKey());
  }

  private synchronized void rekey(VaultFile.Key newKey) throws TokenException {
    requireOpen();
    try {
      VaultLock.holding(
          home,
          () -> {
            List<VaultEntry> current = key == null ? List.of() : readForUpdate();
            file.write(newKey, current);
            entries = List.copyOf(current);
            return null;
          });
    } catch (IOException e) {
      newKey.close();
      throw new TokenException(Problem.STORAGE, "cannot lock " + home.lockFile(), e);
    } catch (TokenException | RuntimeException e) {
      newKey.close();
      throw e;
    }
    if (key != null) {
      key.close();
    }
    key = newKey;
  }

  private synchronized void update(UnaryOperator<List<VaultEntry>> change) throws TokenException {
    requireOpen();
    try {
      VaultLock.holding(
          home,
          () -> {
            if (key == null) {
              adoptVaultMadeMeanwhile();
            }
            List<VaultEntry> current = key == null ? List.of() : readForUpdate();
            List<VaultEntry> next = change.apply(current);
            if (key == null) {
              key = file.newKeyFileKey();
            }
            file.write(key, next);
            entries = List.copyOf(next);
            return null;
          });
    } catch (IOException e) {
      throw new TokenException(Problem.STORAGE, "cannot lock " + home.lockFile(), e);
    }
  }

  /** Another program may have made the vault since this app opened an empty home. */
  private void adoptVaultMadeMeanwhile() throws TokenException {
    VaultProtection now = file.protection();
    if (now == VaultProtection.KEY_FILE) {
      key = file.keyFromKeyFile();
    } else if (now == VaultProtection.PIN) {
      throw new TokenException(
          Problem.VAULT_LOCKED, "another program made the vault with a PIN; open it again");
    }
  }

  private List<VaultEntry> readForUpdate() throws TokenException {
    return file.read(key);
  }

  private synchronized VaultEntry entry(Account account) throws TokenException {
    requireOpen();
    for (VaultEntry e : entries) {
      if (e.account().name().equals(account.name())) {
        return e;
      }
    }
    throw new TokenException(
        Problem.NO_SUCH_ACCOUNT, "no account " + account.name(), account.name());
  }

  /** The entry, if its service's app-lock rule is met. */
  private synchronized VaultEntry usable(Account account) throws TokenException {
    VaultEntry entry = entry(account);
    if (entry.account().appLockRequired() && protection() != VaultProtection.PIN) {
      throw new TokenException(
          Problem.APP_LOCK_REQUIRED,
          account.name() + " requires the app lock and the vault has no PIN",
          entry.account().serviceName());
    }
    return entry;
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("this TokenApp is closed");
    }
  }

  /** Wipes the vault key from memory; the app cannot be used after. */
  @Override
  public synchronized void close() {
    if (key != null) {
      key.close();
      key = null;
    }
    entries = List.of();
    closed = true;
  }

  @Override
  public String toString() {
    return "TokenApp[" + home + "]";
  }
}
