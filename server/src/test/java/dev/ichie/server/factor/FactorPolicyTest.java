package dev.ichie.server.factor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ichie.server.factor.Operation.FactorChange.Change;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The default policy as a table: every operation × what the customer holds → the combinations. */
class FactorPolicyTest {

  private final FactorPolicy policy = new FactorPolicy(Map.of());

  private static Operation operation(String name) {
    return switch (name) {
      case "LOGIN" -> new Operation.Login();
      case "TRANSFER" -> transfer(5000, false);
      case "PAYEE" -> new Operation.PayeeRegistration("Ichie Bank Tokyo", "1234567", "ヤマダ タロウ");
      case "ISSUE" -> new Operation.FactorChange(Change.ISSUE_TOKEN);
      case "STOP" -> new Operation.FactorChange(Change.STOP_TOKEN);
      case "START" -> new Operation.FactorChange(Change.START_TOKEN);
      case "REMOVE" -> new Operation.FactorChange(Change.REMOVE_PASSKEY);
      case "ADD" -> new Operation.FactorChange(Change.ADD_PASSKEY);
      case "STAFF" -> new Operation.StaffLogin();
      case "VERIFY" -> new Operation.Verification();
      case "RAISE" -> new Operation.LimitRaise(3_000_000);
      case "NEWPAYEE" -> transfer(5000, true);
      default -> throw new IllegalArgumentException(name);
    };
  }

  private static Operation.Transfer transfer(long yen, boolean newPayee) {
    return new Operation.Transfer(
        "Ichie Bank", "Tokyo", "普通", "1234567", "ヤマダ タロウ", yen, "JPY", newPayee);
  }

  /** "TOTP_TOKEN=USABLE;PASSKEY=LOCKED", or "-" for nothing. */
  private static Holdings holdings(String text) {
    Map<CredentialKind, Standing> m = new EnumMap<>(CredentialKind.class);
    if (!"-".equals(text)) {
      for (String part : text.split(";")) {
        String[] kv = part.split("=");
        m.put(CredentialKind.valueOf(kv[0]), Standing.valueOf(kv[1]));
      }
    }
    return new Holdings(m);
  }

  @ParameterizedTest(name = "{0} holding {1} → {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          LOGIN    | -                                   | LOGIN_PASSWORD
          LOGIN    | TOTP_TOKEN=PENDING                  | LOGIN_PASSWORD
          LOGIN    | TOTP_TOKEN=USABLE                   | LOGIN_PASSWORD+OTP
          LOGIN    | TOTP_TOKEN=LOCKED                   | BLOCKED
          LOGIN    | PASSKEY=USABLE                      | PASSKEY
          LOGIN    | PASSKEY=USABLE;TOTP_TOKEN=USABLE    | PASSKEY, LOGIN_PASSWORD+OTP
          LOGIN    | PASSKEY=USABLE;TOTP_TOKEN=LOCKED    | PASSKEY
          LOGIN    | PASSKEY=LOCKED;TOTP_TOKEN=USABLE    | LOGIN_PASSWORD+OTP
          TRANSFER | -                                   | CONFIRMATION_PASSWORD
          TRANSFER | TOTP_TOKEN=PENDING                  | CONFIRMATION_PASSWORD
          TRANSFER | TOTP_TOKEN=USABLE                   | CONFIRMATION_PASSWORD+OTP
          TRANSFER | TOTP_TOKEN=LOCKED                   | BLOCKED
          TRANSFER | APP_DEVICE_KEY=USABLE;TOTP_TOKEN=USABLE | CONFIRMATION_PASSWORD+TRANSACTION_SIGNATURE
          TRANSFER | APP_DEVICE_KEY=USABLE;PASSKEY=USABLE;TOTP_TOKEN=USABLE | PASSKEY_BOUND, CONFIRMATION_PASSWORD+TRANSACTION_SIGNATURE
          TRANSFER | APP_DEVICE_KEY=LOCKED;TOTP_TOKEN=LOCKED | BLOCKED
          TRANSFER | PASSKEY=USABLE;TOTP_TOKEN=USABLE    | PASSKEY_BOUND, CONFIRMATION_PASSWORD+OTP
          PAYEE    | -                                   | CONFIRMATION_PASSWORD
          PAYEE    | TOTP_TOKEN=USABLE                   | CONFIRMATION_PASSWORD+OTP
          ISSUE    | -                                   | CONFIRMATION_PASSWORD
          ISSUE    | TOTP_TOKEN=PENDING                  | CONFIRMATION_PASSWORD
          STOP     | TOTP_TOKEN=USABLE                   | CONFIRMATION_PASSWORD+OTP@session
          STOP     | TOTP_TOKEN=LOCKED                   | BLOCKED
          STOP     | PASSKEY=USABLE;TOTP_TOKEN=USABLE    | PASSKEY, CONFIRMATION_PASSWORD+OTP@session, CONFIRMATION_PASSWORD+PASSKEY@session
          START    | -                                   | BLOCKED
          START    | TOTP_TOKEN=PENDING                  | OTP
          START    | TOTP_TOKEN=LOCKED                   | BLOCKED
          STAFF    | -                                   | BLOCKED
          STAFF    | TOTP_TOKEN=PENDING                  | STAFF_PASSWORD+OTP
          STAFF    | TOTP_TOKEN=USABLE                   | STAFF_PASSWORD+OTP
          STAFF    | TOTP_TOKEN=LOCKED                   | BLOCKED
          VERIFY   | TOTP_TOKEN=USABLE                   | OTP
          VERIFY   | TOTP_TOKEN=PENDING                  | BLOCKED
          VERIFY   | -                                   | BLOCKED
          REMOVE   | PASSKEY=USABLE;TOTP_TOKEN=USABLE    | PASSKEY, CONFIRMATION_PASSWORD+OTP
          REMOVE   | PASSKEY=USABLE                      | PASSKEY
          REMOVE   | PASSKEY=LOCKED;TOTP_TOKEN=USABLE    | CONFIRMATION_PASSWORD+OTP
          NEWPAYEE | TOTP_TOKEN=USABLE                   | CONFIRMATION_PASSWORD+OTP
          NEWPAYEE | PASSKEY=USABLE;TOTP_TOKEN=USABLE    | PASSKEY_BOUND
          NEWPAYEE | PASSKEY=LOCKED;TOTP_TOKEN=USABLE    | CONFIRMATION_PASSWORD+OTP
          NEWPAYEE | APP_DEVICE_KEY=USABLE;TOTP_TOKEN=USABLE | CONFIRMATION_PASSWORD+TRANSACTION_SIGNATURE
          RAISE    | -                                   | CONFIRMATION_PASSWORD
          RAISE    | TOTP_TOKEN=USABLE                   | CONFIRMATION_PASSWORD+OTP
          RAISE    | APP_DEVICE_KEY=USABLE;TOTP_TOKEN=USABLE | CONFIRMATION_PASSWORD+OTP
          RAISE    | PASSKEY=USABLE;TOTP_TOKEN=USABLE    | PASSKEY, CONFIRMATION_PASSWORD+PASSKEY@session
          RAISE    | PASSKEY=LOCKED;TOTP_TOKEN=USABLE    | CONFIRMATION_PASSWORD+OTP
          RAISE    | TOTP_TOKEN=LOCKED                   | BLOCKED
          """)
  void acceptableWhenHoldingThenCombinationsBestFirst(String op, String held, String expected) {
    List<String> got =
        policy.acceptable(operation(op), holdings(held)).stream().map(Object::toString).toList();
    assertThat(got.isEmpty() ? List.of("BLOCKED") : got).containsExactly(expected.split(",\\s*"));
  }

  @ParameterizedTest(name = "required: {0} holding {1} → {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          LOGIN    | PASSKEY=USABLE;TOTP_TOKEN=USABLE    | PASSKEY
          LOGIN    | PASSKEY=LOCKED;TOTP_TOKEN=USABLE    | BLOCKED
          LOGIN    | TOTP_TOKEN=USABLE                   | LOGIN_PASSWORD+OTP
          LOGIN    | -                                   | LOGIN_PASSWORD
          TRANSFER | PASSKEY=USABLE;TOTP_TOKEN=USABLE    | PASSKEY_BOUND
          TRANSFER | TOTP_TOKEN=USABLE                   | CONFIRMATION_PASSWORD+OTP
          PAYEE    | PASSKEY=USABLE                      | PASSKEY_BOUND
          STOP     | PASSKEY=USABLE;TOTP_TOKEN=USABLE    | PASSKEY, CONFIRMATION_PASSWORD+OTP@session, CONFIRMATION_PASSWORD+PASSKEY@session
          """)
  void acceptableWhenPhishingResistantRequiredThenPasskeyHoldersUseIt(
      String op, String held, String expected) {
    FactorPolicy required = new FactorPolicy(Map.of(), true, LinkingRule.EVERY_TRANSFER);
    List<String> got =
        required.acceptable(operation(op), holdings(held)).stream().map(Object::toString).toList();
    assertThat(got.isEmpty() ? List.of("BLOCKED") : got).containsExactly(expected.split(",\\s*"));
  }

  @ParameterizedTest(name = "above {0}, new payees {1}, passkey {2}: {3} yen, new {4} → {5}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          100000 | true  | true  | 100000 | false | PASSKEY_BOUND, CONFIRMATION_PASSWORD+TRANSACTION_SIGNATURE, CONFIRMATION_PASSWORD+OTP
          100000 | true  | true  | 100001 | false | PASSKEY_BOUND, CONFIRMATION_PASSWORD+TRANSACTION_SIGNATURE
          100000 | true  | true  | 5000   | true  | PASSKEY_BOUND, CONFIRMATION_PASSWORD+TRANSACTION_SIGNATURE
          100000 | false | true  | 5000   | true  | PASSKEY_BOUND, CONFIRMATION_PASSWORD+TRANSACTION_SIGNATURE, CONFIRMATION_PASSWORD+OTP
          100000 | true  | false | 500000 | false | CONFIRMATION_PASSWORD+TRANSACTION_SIGNATURE
          0      | true  | true  | 1      | false | PASSKEY_BOUND, CONFIRMATION_PASSWORD+TRANSACTION_SIGNATURE
          """)
  void acceptableWhenLinkingRuleAppliesThenTypedCodeNoLongerDoes(
      long above, boolean newPayees, boolean passkey, long yen, boolean newPayee, String expected) {
    FactorPolicy p = new FactorPolicy(Map.of(), false, new LinkingRule(above, newPayees, passkey));
    Holdings all = holdings("APP_DEVICE_KEY=USABLE;PASSKEY=USABLE;TOTP_TOKEN=USABLE");
    assertThat(p.acceptable(transfer(yen, newPayee), all))
        .extracting(Object::toString)
        .containsExactly(expected.split(",\\s*"));
    // Without a device key the rule asks for nothing the token cannot give: the code still does.
    assertThat(p.acceptable(transfer(yen, newPayee), holdings("TOTP_TOKEN=USABLE")))
        .extracting(Object::toString)
        .containsExactly("CONFIRMATION_PASSWORD+OTP");
  }

  @Test
  void completedByProofWhenLinkingAppliesThenPasswordAndCodeDoNotShortCut() {
    Set<Factor> typed = EnumSet.of(Factor.CONFIRMATION_PASSWORD, Factor.OTP);
    assertThat(policy.completedByProof(transfer(5000, false), typed, Set.of(Factor.OTP)))
        .as("the holdings must be read: a device key would make the code not enough")
        .isFalse();
    Set<Factor> linked = EnumSet.of(Factor.CONFIRMATION_PASSWORD, Factor.TRANSACTION_SIGNATURE);
    assertThat(
            policy.completedByProof(
                transfer(5000, false), linked, Set.of(Factor.TRANSACTION_SIGNATURE)))
        .isTrue();
    FactorPolicy small = new FactorPolicy(Map.of(), false, new LinkingRule(10_000, true, true));
    assertThat(small.completedByProof(transfer(5000, false), typed, Set.of(Factor.OTP))).isTrue();
    assertThat(
            small
                .decide(
                    transfer(5000, true),
                    holdings("APP_DEVICE_KEY=USABLE;TOTP_TOKEN=USABLE"),
                    typed,
                    Set.of())
                .missing())
        .containsExactly(Factor.TRANSACTION_SIGNATURE);
  }

  @Test
  void completedByProofWhenRequiredThenPasswordAndCodeAloneDoNotShortCut() {
    FactorPolicy required = new FactorPolicy(Map.of(), true, LinkingRule.EVERY_TRANSFER);
    Set<Factor> both = EnumSet.of(Factor.LOGIN_PASSWORD, Factor.OTP);
    assertThat(required.completedByProof(new Operation.Login(), both, Set.of(Factor.OTP)))
        .isFalse();
    assertThat(policy.completedByProof(new Operation.Login(), both, Set.of(Factor.OTP))).isTrue();
    assertThat(
            required.completedByProof(
                new Operation.Login(), Set.of(Factor.PASSKEY), Set.of(Factor.PASSKEY)))
        .isTrue();
  }

  @ParameterizedTest(name = "{0} holding {1}, proved {2}, session {3} → {4}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          LOGIN    | TOTP_TOKEN=USABLE | LOGIN_PASSWORD                | -   | NEEDS OTP
          LOGIN    | TOTP_TOKEN=USABLE | LOGIN_PASSWORD,OTP            | -   | ALLOWED
          LOGIN    | TOTP_TOKEN=USABLE | OTP                           | -   | NEEDS LOGIN_PASSWORD
          LOGIN    | -                 | LOGIN_PASSWORD                | -   | ALLOWED
          LOGIN    | TOTP_TOKEN=LOCKED | LOGIN_PASSWORD                | -   | BLOCKED
          TRANSFER | TOTP_TOKEN=USABLE | CONFIRMATION_PASSWORD         | OTP | NEEDS OTP
          TRANSFER | TOTP_TOKEN=USABLE | CONFIRMATION_PASSWORD,OTP     | -   | ALLOWED
          TRANSFER | -                 | -                             | -   | NEEDS CONFIRMATION_PASSWORD
          STOP     | TOTP_TOKEN=USABLE | CONFIRMATION_PASSWORD         | OTP | ALLOWED
          STOP     | TOTP_TOKEN=USABLE | CONFIRMATION_PASSWORD         | -   | NEEDS OTP
          STOP     | TOTP_TOKEN=PENDING | CONFIRMATION_PASSWORD        | -   | ALLOWED
          STAFF    | TOTP_TOKEN=PENDING | STAFF_PASSWORD               | -   | NEEDS OTP
          STAFF    | TOTP_TOKEN=USABLE | STAFF_PASSWORD,OTP            | -   | ALLOWED
          LOGIN    | PASSKEY=USABLE;TOTP_TOKEN=USABLE | LOGIN_PASSWORD | -   | NEEDS OTP
          LOGIN    | PASSKEY=USABLE;TOTP_TOKEN=USABLE | -              | -   | NEEDS PASSKEY
          ADD      | PASSKEY=USABLE    | CONFIRMATION_PASSWORD         | PASSKEY | ALLOWED
          ADD      | PASSKEY=USABLE    | CONFIRMATION_PASSWORD         | -   | NEEDS PASSKEY
          REMOVE   | PASSKEY=USABLE;TOTP_TOKEN=USABLE | CONFIRMATION_PASSWORD | OTP | NEEDS OTP
          """)
  void decideWhenProvedThenAllowedOrMissing(
      String op, String held, String proved, String session, String expected) {
    FactorPolicy.Decision d =
        policy.decide(operation(op), holdings(held), factors(proved), factors(session));
    String got =
        d.allowed()
            ? "ALLOWED"
            : d.blocked()
                ? "BLOCKED"
                : "NEEDS "
                    + String.join(",", d.missing().stream().map(Enum::name).sorted().toList());
    assertThat(got).isEqualTo(expected);
  }

  private static Set<Factor> factors(String text) {
    Set<Factor> s = EnumSet.noneOf(Factor.class);
    if (!"-".equals(text)) {
      for (String f : text.split(",")) {
        s.add(Factor.valueOf(f.strip()));
      }
    }
    return s;
  }

  @Test
  void configuredWhenServiceNamesItsOwnThenUsedAndOthersDefault() {
    FactorPolicy strict =
        new FactorPolicy(Map.of("login", List.of("PASSKEY", "LOGIN_PASSWORD+OTP")));
    assertThat(strict.acceptable(new Operation.Login(), Holdings.NONE))
        .as("no password-only fallback configured: a customer without a token is blocked")
        .isEmpty();
    assertThat(strict.acceptable(new Operation.Verification(), holdings("TOTP_TOKEN=USABLE")))
        .extracting(Object::toString)
        .containsExactly("OTP");
    assertThatThrownBy(() -> new FactorPolicy(Map.of("login", List.of("PASSWORD"))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new FactorPolicy(Map.of("withdrawal", List.of("OTP"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("withdrawal");
  }

  @Test
  void canonicalBytesWhenFieldChangesThenDiffer() {
    Operation.Transfer a = transfer(5000, false);
    Operation.Transfer b = transfer(50000, false);
    assertThat(a.hash()).isNotEqualTo(b.hash());
    assertThat(transfer(5000, true).hash())
        .as("whether the payee is new is the policy's input, not a field a proof covers")
        .isEqualTo(a.hash());
    // Fields are NUL-terminated: moving a character from one field to the next changes the bytes.
    assertThat(new Operation.PayeeRegistration("ab", "c", "d").canonicalBytes())
        .isNotEqualTo(new Operation.PayeeRegistration("a", "bc", "d").canonicalBytes());
    String expected =
        String.join(
                "\0",
                "ichie operation v1",
                "TRANSFER",
                "payeeBank",
                "Ichie Bank",
                "payeeBranch",
                "Tokyo",
                "payeeAccountType",
                "普通",
                "payeeAccountNumber",
                "1234567",
                "payeeName",
                "ヤマダ タロウ",
                "amount",
                "5000",
                "currency",
                "JPY")
            + "\0";
    assertThat(new String(a.canonicalBytes(), java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo(expected);
    assertThatThrownBy(() -> new Operation.PayeeRegistration("a\0b", "1", "x").canonicalBytes())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest(name = "{0} yen, {1} spent, own {2}, holding {3} → {4}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          200000   | 0       | -       | -                                       | CONFIRMATION_PASSWORD
          200001   | 0       | -       | -                                       | OVER_LIMIT
          50001    | 150000  | -       | -                                       | OVER_LIMIT
          50000    | 150000  | -       | -                                       | CONFIRMATION_PASSWORD
          5000000  | 0       | -       | TOTP_TOKEN=USABLE                       | CONFIRMATION_PASSWORD+OTP
          5000001  | 0       | -       | TOTP_TOKEN=USABLE                       | OVER_LIMIT
          1        | 5000000 | -       | TOTP_TOKEN=USABLE                       | OVER_LIMIT
          100001   | 0       | 100000  | TOTP_TOKEN=USABLE                       | OVER_LIMIT
          100000   | 0       | 100000  | TOTP_TOKEN=USABLE                       | CONFIRMATION_PASSWORD+OTP
          9000000  | 0       | -       | APP_DEVICE_KEY=USABLE;TOTP_TOKEN=USABLE | CONFIRMATION_PASSWORD+TRANSACTION_SIGNATURE
          9000000  | 0       | -       | PASSKEY=USABLE;TOTP_TOKEN=USABLE        | PASSKEY_BOUND
          10000001 | 0       | -       | PASSKEY=USABLE;TOTP_TOKEN=USABLE        | OVER_LIMIT
          5000000  | 0       | -       | TOTP_TOKEN=LOCKED                       | BLOCKED
          """)
  void transferWhenDayUsedThenWithinLimitOfStrongestFactor(
      long yen, long spent, String own, String held, String expected) {
    Operation.Transfer t = transfer(yen, false);
    TransferUsage usage =
        new TransferUsage(spent, "-".equals(own) ? Long.MAX_VALUE : Long.parseLong(own));
    Holdings h = holdings(held);
    List<String> got = policy.acceptable(t, h, usage).stream().map(Object::toString).toList();
    FactorPolicy.Decision d = policy.decide(t, h, Set.of(), Set.of(), usage);
    String said = d.overLimit() ? "OVER_LIMIT" : d.blocked() ? "BLOCKED" : String.join(", ", got);
    assertThat(said).isEqualTo(expected);
    assertThat(d.overLimit() || d.blocked()).isEqualTo(got.isEmpty());
  }

  @Test
  void transferWhenCompletedByProofThenOnlyWithinLimit() {
    TransferUsage usage = new TransferUsage(4_900_000, Long.MAX_VALUE);
    Set<Factor> code = EnumSet.of(Factor.CONFIRMATION_PASSWORD, Factor.OTP);
    // A service where a code still does (no 取引認証 rule below ten million yen).
    FactorPolicy codeDoes =
        new FactorPolicy(Map.of(), false, new LinkingRule(10_000_000, false, true));
    assertThat(codeDoes.completedByProof(transfer(100_000, false), code, code, usage)).isTrue();
    assertThat(codeDoes.completedByProof(transfer(100_001, false), code, code, usage)).isFalse();
    Set<Factor> signed = EnumSet.of(Factor.CONFIRMATION_PASSWORD, Factor.TRANSACTION_SIGNATURE);
    assertThat(policy.completedByProof(transfer(5_000_000, false), signed, signed, usage))
        .as("取引認証 reaches the linked cap")
        .isTrue();
  }

  @Test
  void raiseWhenPasskeyHeldThenTheTokenAloneIsNotEnough() {
    Set<Factor> code = EnumSet.of(Factor.CONFIRMATION_PASSWORD, Factor.OTP);
    Operation raise = new Operation.LimitRaise(3_000_000);
    assertThat(policy.completedByProof(raise, code, code)).isFalse();
    Holdings both = holdings("PASSKEY=USABLE;TOTP_TOKEN=USABLE");
    assertThat(policy.decide(raise, both, code, Set.of()).allowed()).isFalse();
    assertThat(
            policy
                .decide(
                    raise,
                    both,
                    EnumSet.of(Factor.CONFIRMATION_PASSWORD),
                    EnumSet.of(Factor.PASSKEY))
                .allowed())
        .as("the confirmation password after a passkey login")
        .isTrue();
    assertThat(policy.decide(raise, holdings("TOTP_TOKEN=USABLE"), code, Set.of()).allowed())
        .isTrue();
  }

  @Test
  void limitsWhenWeakerAboveStrongerThenRefused() {
    assertThatThrownBy(
            () ->
                new TransferLimits(
                    300_000,
                    200_000,
                    10_000_000,
                    java.time.Duration.ZERO,
                    java.time.Duration.ZERO,
                    0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(TransferLimits.Tier.of(EnumSet.of(Factor.CONFIRMATION_PASSWORD)))
        .isEqualTo(TransferLimits.Tier.PASSWORD);
    assertThat(TransferLimits.Tier.of(EnumSet.of(Factor.CONFIRMATION_PASSWORD, Factor.OTP)))
        .isEqualTo(TransferLimits.Tier.OTP);
    assertThat(TransferLimits.Tier.of(EnumSet.of(Factor.OTP, Factor.TRANSACTION_SIGNATURE)))
        .isEqualTo(TransferLimits.Tier.LINKED);
  }

  @Test
  void transferWhenHeldByTheBankThenOnlyTransactionSignature() {
    TransferUsage held = new TransferUsage(0, Long.MAX_VALUE, null, null, true);
    Operation.Transfer t = transfer(5000, false);
    assertThat(
            policy
                .acceptable(
                    t, holdings("APP_DEVICE_KEY=USABLE;PASSKEY=USABLE;TOTP_TOKEN=USABLE"), held)
                .stream()
                .map(Object::toString))
        .containsExactly("CONFIRMATION_PASSWORD+TRANSACTION_SIGNATURE");
    FactorPolicy.Decision d =
        policy.decide(t, holdings("TOTP_TOKEN=USABLE"), Set.of(), Set.of(), held);
    assertThat(d.overLimit()).as("held, and no token that signs: refused, not blocked").isTrue();
  }
}
