package dev.ichie.server.netbank;

import dev.ichie.server.audit.Actor;
import dev.ichie.server.audit.AuditLog;
import dev.ichie.server.branch.CustomerDirectory;
import dev.ichie.server.factor.Operation;
import dev.ichie.server.factor.PasswordHashing;
import dev.ichie.server.factor.TransferEvent;
import dev.ichie.server.mail.CustomerLocales;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The reference web banking's customers, accounts and transfers. Login and confirmation passwords
 * are Argon2id hashes, checked as factors by {@link CustomerPasswords}. Thread-safe.
 */
@Service
public class BankCustomers implements CustomerLocales, CustomerDirectory {

  /** A customer row; the hashes never leave this class. */
  record Customer(
      String id,
      String loginId,
      String name,
      String loginHash,
      String confirmHash,
      int loginFailures,
      boolean loginLocked,
      int confirmFailures,
      boolean confirmLocked,
      String locale) {
    @Override
    public String toString() {
      return "Customer[" + id + "]";
    }

    NetbankUser user() {
      return new NetbankUser(id, loginId, name);
    }
  }

  /**
   * An account.
   *
   * @param id the account number
   * @param name its name
   * @param balance the balance in yen
   */
  public record Account(String id, String name, long balance) {}

  /** How a transfer ended. */
  enum TransferResult {
    OK,
    ALREADY_DONE,
    INSUFFICIENT_BALANCE,
    NO_SUCH_ACCOUNT
  }

  private static final RowMapper<Customer> CUSTOMER =
      (rs, n) ->
          new Customer(
              rs.getString("id"),
              rs.getString("login_id"),
              rs.getString("name"),
              rs.getString("login_password_hash"),
              rs.getString("confirm_password_hash"),
              rs.getInt("login_failures"),
              rs.getBoolean("login_locked"),
              rs.getInt("confirm_failures"),
              rs.getBoolean("confirm_locked"),
              rs.getString("locale"));

  private final JdbcClient jdbc;
  private final TransactionTemplate tx;
  private final AuditLog audit;
  private final NetbankProperties properties;
  private final Clock clock;
  private final PasswordHashing passwords;
  private final ApplicationEventPublisher events;

  BankCustomers(
      JdbcClient jdbc,
      TransactionTemplate tx,
      AuditLog audit,
      NetbankProperties properties,
      PasswordHashing passwords,
      Clock clock,
      ApplicationEventPublisher events) {
    this.events = events;
    this.passwords = passwords;
    this.jdbc = jdbc;
    this.tx = tx;
    this.audit = audit;
    this.properties = properties;
    this.clock = clock;
  }

  Optional<Customer> customer(String id) {
    return jdbc.sql("SELECT * FROM bank_customer WHERE id = ?")
        .param(id)
        .query(CUSTOMER)
        .optional();
  }

  private Optional<Customer> findByLogin(String loginId) {
    return jdbc.sql("SELECT * FROM bank_customer WHERE login_id = ?")
        .param(loginId)
        .query(CUSTOMER)
        .optional();
  }

  /**
   * The customer with a login ID.
   *
   * @param loginId the login ID
   * @return the customer, if there is one
   */
  Optional<NetbankUser> byLoginId(String loginId) {
    return findByLogin(loginId).map(Customer::user);
  }

  /**
   * Records an event of a customer's web-banking session.
   *
   * @param customerId the customer
   * @param actor who
   * @param event what
   * @param outcome how it ended
   */
  void recordEvent(String customerId, Actor actor, String event, String outcome) {
    audit.record(
        new AuditLog.Subject(properties.serviceId(), customerId, null, null),
        actor,
        event,
        outcome,
        null);
  }

  /**
   * The customer's accounts.
   *
   * @param customerId the customer
   * @return the accounts, by number
   */
  public List<Account> accounts(String customerId) {
    return jdbc.sql("SELECT * FROM bank_account WHERE customer_id = ? ORDER BY id")
        .param(customerId)
        .query(
            (rs, n) -> new Account(rs.getString("id"), rs.getString("name"), rs.getLong("balance")))
        .list();
  }

  /**
   * Whether the customer has paid this account before: then it is not a new payee.
   *
   * @param customerId the customer
   * @param transfer the transfer
   * @return true if the same bank, branch, type and number is a registered payee
   */
  boolean paidBefore(String customerId, Operation.Transfer transfer) {
    return jdbc.sql(
                """
            SELECT COUNT(*) FROM bank_payee WHERE customer_id = ? AND payee_number = ?
                AND payee_bank = ? AND payee_branch = ? AND payee_account_type = ?""")
            .params(
                customerId,
                transfer.payeeAccountNumber(),
                transfer.payeeBank(),
                transfer.payeeBranch(),
                transfer.payeeAccountType())
            .query(Long.class)
            .single()
        > 0;
  }

  /**
   * Moves money once per request key: a second submit of the same form changes nothing.
   *
   * @param customerId the customer
   * @param requestKey the form's request key
   * @param accountId the account to pay from
   * @param transfer the payee and the amount
   * @param confirmationId the 取引認証 that approved it, or null
   * @param actor who, from where
   * @return what happened
   */
  TransferResult transfer(
      String customerId,
      String requestKey,
      String accountId,
      Operation.Transfer transfer,
      String confirmationId,
      Actor actor) {
    TransferResult result =
        move(customerId, requestKey, accountId, transfer, confirmationId, actor);
    if (result == TransferResult.OK && transfer.newPayee()) {
      register(customerId, transfer);
    }
    return result;
  }

  /**
   * A registered payee.
   *
   * @param bank the bank
   * @param branch the branch
   * @param accountType the account type (科目)
   * @param number the account number
   * @param name the payee's name
   * @param addedAt when the first transfer went there
   */
  record Payee(
      String bank,
      String branch,
      String accountType,
      String number,
      String name,
      java.time.Instant addedAt) {}

  /**
   * The customer's registered payees, newest first.
   *
   * @param customerId the customer
   * @return the payees
   */
  List<Payee> payees(String customerId) {
    return jdbc.sql(
            "SELECT * FROM bank_payee WHERE customer_id = ? ORDER BY added_at DESC, payee_number")
        .param(customerId)
        .query(
            (rs, n) ->
                new Payee(
                    rs.getString("payee_bank"),
                    rs.getString("payee_branch"),
                    rs.getString("payee_account_type"),
                    rs.getString("payee_number"),
                    rs.getString("payee_name"),
                    rs.getTimestamp("added_at").toInstant()))
        .list();
  }

  /**
   * Removes a registered payee: the next transfer there is to a new payee again. Audited.
   *
   * @param customerId the customer
   * @param p the payee's bank, branch, type and number
   * @param actor who, from where
   * @return true if it was registered
   */
  boolean removePayee(String customerId, Payee p, Actor actor) {
    int n =
        jdbc.sql(
                """
                DELETE FROM bank_payee WHERE customer_id = ? AND payee_bank = ?
                    AND payee_branch = ? AND payee_account_type = ? AND payee_number = ?""")
            .params(customerId, p.bank(), p.branch(), p.accountType(), p.number())
            .update();
    if (n == 1) {
      recordEvent(customerId, actor, "PAYEE_REMOVED", "OK");
    }
    return n == 1;
  }

  /** Registers the payee of a first transfer, once, after the transfer's commit. */
  private void register(String customerId, Operation.Transfer t) {
    try {
      jdbc.sql(
              "INSERT INTO bank_payee (customer_id, payee_bank, payee_branch, payee_account_type,"
                  + " payee_number, payee_name, added_at) SELECT ?, ?, ?, ?, ?, ?, ?"
                  + " WHERE NOT EXISTS (SELECT 1 FROM bank_payee WHERE customer_id = ?"
                  + " AND payee_bank = ? AND payee_branch = ? AND payee_account_type = ?"
                  + " AND payee_number = ?)")
          .params(
              customerId,
              t.payeeBank(),
              t.payeeBranch(),
              t.payeeAccountType(),
              t.payeeAccountNumber(),
              t.payeeName(),
              Timestamp.from(clock.instant()),
              customerId,
              t.payeeBank(),
              t.payeeBranch(),
              t.payeeAccountType(),
              t.payeeAccountNumber())
          .update();
    } catch (DuplicateKeyException e) {
      // A concurrent first transfer registered it.
    }
  }

  private TransferResult move(
      String customerId,
      String requestKey,
      String accountId,
      Operation.Transfer transfer,
      String confirmationId,
      Actor actor) {
    long amount = transfer.amount();
    try {
      return tx.execute(
          s -> {
            jdbc.sql(
                    """
                    INSERT INTO bank_transfer (request_key, customer_id, account_id, payee_bank,
                        payee_branch, payee_account_type, payee_number, payee_name, amount,
                        confirmation_id, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                    requestKey,
                    customerId,
                    accountId,
                    transfer.payeeBank(),
                    transfer.payeeBranch(),
                    transfer.payeeAccountType(),
                    transfer.payeeAccountNumber(),
                    transfer.payeeName(),
                    amount,
                    confirmationId,
                    Timestamp.from(clock.instant()))
                .update();
            int moved =
                jdbc.sql(
                        """
                        UPDATE bank_account SET balance = balance - ?
                        WHERE id = ? AND customer_id = ? AND balance >= ?""")
                    .params(amount, accountId, customerId, amount)
                    .update();
            if (moved != 1) {
              s.setRollbackOnly();
              return accounts(customerId).stream().anyMatch(a -> a.id().equals(accountId))
                  ? TransferResult.INSUFFICIENT_BALANCE
                  : TransferResult.NO_SUCH_ACCOUNT;
            }
            recordEvent(customerId, actor, "TRANSFER", "OK");
            events.publishEvent(
                new TransferEvent(properties.serviceId(), customerId, transfer, clock.instant()));
            return TransferResult.OK;
          });
    } catch (DuplicateKeyException e) {
      return TransferResult.ALREADY_DONE;
    }
  }

  /**
   * Creates a customer with one account (demo data, tests).
   *
   * @param id the customer number
   * @param loginId the login ID
   * @param name the name
   * @param loginPassword the login password; only its hash is kept
   * @param confirmPassword the confirmation password; only its hash is kept
   * @param accountId the account number
   * @param balance the opening balance in yen
   * @return true if created, false if the login ID exists
   */
  public boolean create(
      String id,
      String loginId,
      String name,
      String loginPassword,
      String confirmPassword,
      String accountId,
      long balance) {
    return create(
        id,
        loginId,
        name,
        () -> passwords.encode(loginPassword),
        () -> passwords.encode(confirmPassword),
        accountId,
        balance);
  }

  /**
   * Creates a customer with an ordinary account.
   *
   * @param loginHash the login password's stored form, made only if the customer is created (a demo
   *     customer's published hash, or a new hash of a password)
   * @param confirmHash the confirmation password's, likewise
   * @return true if created, false if the login ID exists
   */
  boolean create(
      String id,
      String loginId,
      String name,
      Supplier<String> loginHash,
      Supplier<String> confirmHash,
      String accountId,
      long balance) {
    if (findByLogin(loginId).isPresent()) {
      return false; // no hash is made for a login ID that exists
    }
    tx.executeWithoutResult(
        s -> {
          jdbc.sql(
                  """
                  INSERT INTO bank_customer (id, login_id, name, login_password_hash,
                      confirm_password_hash) VALUES (?, ?, ?, ?, ?)""")
              .params(id, loginId, name, loginHash.get(), confirmHash.get())
              .update();
          jdbc.sql("INSERT INTO bank_account (id, customer_id, name, balance) VALUES (?, ?, ?, ?)")
              .params(accountId, id, "ORDINARY", balance)
              .update();
        });
    return true;
  }

  /**
   * Remembers the language the customer uses, for their mails.
   *
   * @param customerId the customer
   * @param locale the page's language
   */
  void rememberLocale(String customerId, Locale locale) {
    String tag = "en".equals(locale.getLanguage()) ? "en" : "ja";
    jdbc.sql("UPDATE bank_customer SET locale = ? WHERE id = ?").params(tag, customerId).update();
  }

  @Override
  public Optional<Locale> localeOf(String serviceId, String customerRef) {
    if (!properties.serviceId().equals(serviceId)) {
      return Optional.empty();
    }
    return customer(customerRef).map(c -> Locale.forLanguageTag(c.locale()));
  }

  private static CustomerDirectory.Entry entry(Customer c) {
    return new CustomerDirectory.Entry(
        c.id(), c.loginId(), c.name(), c.loginLocked(), c.loginFailures(), c.confirmLocked());
  }

  @Override
  public List<CustomerDirectory.Entry> search(String text, int limit) {
    if (text == null || text.isBlank() || text.length() > 100) {
      return List.of();
    }
    String t = text.strip();
    String like = "%" + t.replace("\\", "").replace("%", "").replace("_", "") + "%";
    return jdbc
        .sql(
            """
            SELECT * FROM bank_customer WHERE login_id = ? OR id = ? OR name LIKE ?
            ORDER BY id FETCH FIRST ? ROWS ONLY""")
        .params(t, t, like, limit)
        .query(CUSTOMER)
        .list()
        .stream()
        .map(BankCustomers::entry)
        .toList();
  }

  @Override
  public Optional<CustomerDirectory.Entry> find(String customerRef) {
    return customerRef == null ? Optional.empty() : customer(customerRef).map(BankCustomers::entry);
  }

  @Override
  public boolean unlockLogin(String customerRef) {
    return jdbc.sql(
                """
                UPDATE bank_customer SET login_locked = FALSE, login_failures = 0,
                    login_in_flight = 0, confirm_locked = FALSE, confirm_failures = 0,
                    confirm_in_flight = 0
                WHERE id = ? AND (login_locked = TRUE OR confirm_locked = TRUE)""")
            .param(customerRef)
            .update()
        == 1;
  }

  /**
   * Whether the customer's confirmation password is locked.
   *
   * @param customerId the customer
   * @return true if locked
   */
  boolean confirmLocked(String customerId) {
    return customer(customerId).map(Customer::confirmLocked).orElse(true);
  }
}
