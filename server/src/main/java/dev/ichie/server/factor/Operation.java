package dev.ichie.server.factor;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Something a customer or staff member does that needs authentication, with the context a proof may
 * be bound to. Its canonical bytes are defined here once: UTF-8 of {@code "ichie operation v1"} ‖
 * 0x00 ‖ kind ‖ 0x00, then for each field in order its name ‖ 0x00 ‖ value (NFC) ‖ 0x00.
 */
public sealed interface Operation {

  /**
   * The operation's kind, as in the policy's configuration and the audit trail.
   *
   * @return e.g. {@code LOGIN}
   */
  String kind();

  /**
   * The fields that a bound proof covers, in their order.
   *
   * @return field names and values; empty for an operation without context
   */
  default Map<String, String> fields() {
    return Map.of();
  }

  /**
   * The canonical bytes of this operation.
   *
   * @return a new array
   */
  default byte[] canonicalBytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    part(out, "ichie operation v1");
    part(out, kind());
    fields()
        .forEach(
            (name, value) -> {
              part(out, name);
              part(out, value);
            });
    return out.toByteArray();
  }

  /**
   * The SHA-256 of the canonical bytes, as a challenge stores it.
   *
   * @return 32 bytes
   */
  default byte[] hash() {
    try {
      return MessageDigest.getInstance("SHA-256").digest(canonicalBytes());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  private static void part(ByteArrayOutputStream out, String text) {
    String value = Normalizer.normalize(text, Normalizer.Form.NFC);
    if (value.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("an operation's field holds a NUL character");
    }
    out.writeBytes(value.getBytes(StandardCharsets.UTF_8));
    out.write(0);
  }

  /** Logging in to web banking. */
  record Login() implements Operation {
    @Override
    public String kind() {
      return "LOGIN";
    }
  }

  /**
   * A transfer (振込). Its fields are those of a 取引認証 confirmation of kind TRANSFER, in that order
   * (CONFIRMATION.md), so that what the token app signs and what a passkey is bound to are one
   * list.
   *
   * @param payeeBank the payee's bank (name)
   * @param payeeBranch the payee's branch (name); empty where the bank's system names none
   * @param payeeAccountType the account's type (科目: 普通, 当座, 貯蓄); empty where none is named
   * @param payeeAccountNumber the payee's account number
   * @param payeeName the payee's name
   * @param amount the amount in the currency's minor unit (yen)
   * @param currency ISO 4217 code
   * @param newPayee whether the customer has not paid this account before; what the policy reads,
   *     not a field a proof covers
   */
  record Transfer(
      String payeeBank,
      String payeeBranch,
      String payeeAccountType,
      String payeeAccountNumber,
      String payeeName,
      long amount,
      String currency,
      boolean newPayee)
      implements Operation {

    /** Validates the transfer. */
    public Transfer {
      Objects.requireNonNull(payeeBank, "payeeBank");
      Objects.requireNonNull(payeeBranch, "payeeBranch");
      Objects.requireNonNull(payeeAccountType, "payeeAccountType");
      Objects.requireNonNull(payeeAccountNumber, "payeeAccountNumber");
      Objects.requireNonNull(payeeName, "payeeName");
      Objects.requireNonNull(currency, "currency");
      if (amount <= 0) {
        throw new IllegalArgumentException("a transfer's amount is positive");
      }
    }

    @Override
    public String kind() {
      return "TRANSFER";
    }

    @Override
    public Map<String, String> fields() {
      Map<String, String> f = new LinkedHashMap<>();
      f.put("payeeBank", payeeBank);
      f.put("payeeBranch", payeeBranch);
      f.put("payeeAccountType", payeeAccountType);
      f.put("payeeAccountNumber", payeeAccountNumber);
      f.put("payeeName", payeeName);
      f.put("amount", Long.toString(amount));
      f.put("currency", currency);
      return f;
    }
  }

  /**
   * Registering a payee.
   *
   * @param payeeBank the payee's bank and branch
   * @param payeeNumber the payee's account number
   * @param payeeName the payee's name
   */
  record PayeeRegistration(String payeeBank, String payeeNumber, String payeeName)
      implements Operation {

    /** Validates the payee. */
    public PayeeRegistration {
      Objects.requireNonNull(payeeBank, "payeeBank");
      Objects.requireNonNull(payeeNumber, "payeeNumber");
      Objects.requireNonNull(payeeName, "payeeName");
    }

    @Override
    public String kind() {
      return "PAYEE_REGISTRATION";
    }

    @Override
    public Map<String, String> fields() {
      Map<String, String> f = new LinkedHashMap<>();
      f.put("payeeBank", payeeBank);
      f.put("payeeNumber", payeeNumber);
      f.put("payeeName", payeeName);
      return f;
    }
  }

  /**
   * Adding, starting, stopping or resetting a credential.
   *
   * @param change which
   */
  record FactorChange(Change change) implements Operation {

    /** The changes. */
    public enum Change {
      /** Issue a token (F1). */
      ISSUE_TOKEN,
      /** Start the use of an activated token with its first code (F3). */
      START_TOKEN,
      /** Stop the token (F6). */
      STOP_TOKEN,
      /** Reset or unlock a token from the branch (F8). */
      RESET_TOKEN,
      /** Register a passkey. */
      ADD_PASSKEY,
      /** Remove a passkey. */
      REMOVE_PASSKEY
    }

    /** Validates the change. */
    public FactorChange {
      Objects.requireNonNull(change, "change");
    }

    @Override
    public String kind() {
      return "FACTOR_CHANGE";
    }

    @Override
    public Map<String, String> fields() {
      return Map.of("change", change.name());
    }
  }

  /**
   * Raising the customer's own daily transfer limit (a lowering needs no factor).
   *
   * @param amount the new limit in yen
   */
  record LimitRaise(long amount) implements Operation {

    /** Validates the amount. */
    public LimitRaise {
      if (amount <= 0) {
        throw new IllegalArgumentException("a limit is positive");
      }
    }

    @Override
    public String kind() {
      return "LIMIT_RAISE";
    }

    @Override
    public Map<String, String> fields() {
      return Map.of("amount", Long.toString(amount));
    }
  }

  /** A staff member's login to the branch console. */
  record StaffLogin() implements Operation {
    @Override
    public String kind() {
      return "STAFF_LOGIN";
    }
  }

  /**
   * A code checked for the bank's own systems through the REST API, for an operation of theirs that
   * Ichie does not see.
   */
  record Verification() implements Operation {
    @Override
    public String kind() {
      return "VERIFICATION";
    }
  }
}
