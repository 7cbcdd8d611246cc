package dev.ichie.otp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeyUriTest {

  private static final Secret SECRET = Secret.fromBase32("JBSWY3DPEHPK3PXP");

  @Test
  void parseWhenGoogleExampleThenReadsIssuerAndAccount() {
    KeyUri uri =
        KeyUri.parse(
            "otpauth://totp/Example:alice@google.com?secret=JBSWY3DPEHPK3PXP&issuer=Example");

    assertThat(uri)
        .isEqualTo(
            new KeyUri(
                KeyUri.Type.TOTP,
                "Example",
                "alice@google.com",
                SECRET,
                HmacAlgorithm.SHA1,
                6,
                Duration.ofSeconds(30),
                0));
    assertThat(uri.totpParameters()).isEqualTo(TotpParameters.DEFAULT);
  }

  @Test
  void parseWhenGoogleExampleWithAllParametersThenReadsThem() {
    KeyUri uri =
        KeyUri.parse(
            "otpauth://totp/ACME%20Co:john.doe@email.com?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ"
                + "&issuer=ACME%20Co&algorithm=SHA1&digits=6&period=30");

    assertThat(uri.type()).isEqualTo(KeyUri.Type.TOTP);
    assertThat(uri.issuer()).isEqualTo("ACME Co");
    assertThat(uri.account()).isEqualTo("john.doe@email.com");
    assertThat(uri.secret()).isEqualTo(Secret.fromBase32("HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ"));
    assertThat(uri.algorithm()).isEqualTo(HmacAlgorithm.SHA1);
    assertThat(uri.digits()).isEqualTo(6);
    assertThat(uri.period()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void parseWhenLabelUsesEncodedColonAndSpaceThenSplitsAtTheIssuer() {
    KeyUri uri =
        KeyUri.parse(
            "otpauth://totp/Big%20Corporation%3A%20alice%40bigco.com"
                + "?secret=JBSWY3DPEHPK3PXP&issuer=Big%20Corporation");

    assertThat(uri.issuer()).isEqualTo("Big Corporation");
    assertThat(uri.account()).isEqualTo("alice@bigco.com");
  }

  @Test
  void parseWhenNoIssuerThenWholeLabelIsAccount() {
    KeyUri uri = KeyUri.parse("otpauth://totp/alice%3Awork?secret=JBSWY3DPEHPK3PXP");

    assertThat(uri.issuer()).isNull();
    assertThat(uri.account()).isEqualTo("alice:work");
  }

  @Test
  void parseWhenIssuerOnlyInLabelThenTakesIt() {
    KeyUri uri = KeyUri.parse("otpauth://totp/Ichie:%20alice?secret=JBSWY3DPEHPK3PXP");

    assertThat(uri.issuer()).isEqualTo("Ichie");
    assertThat(uri.account()).isEqualTo("alice");
  }

  @Test
  void parseWhenHotpThenReadsCounter() {
    KeyUri uri =
        KeyUri.parse(
            "otpauth://hotp/Ichie:alice?secret=jbswy3dpehpk3pxp&issuer=Ichie"
                + "&algorithm=SHA256&digits=8&counter=42");

    assertThat(uri).isEqualTo(KeyUri.hotp("Ichie", "alice", SECRET, HmacAlgorithm.SHA256, 8, 42));
    assertThat(uri.period()).isNull();
  }

  @Test
  void toUriStringWhenTotpThenWritesEveryParameter() {
    KeyUri uri =
        KeyUri.totp(
            "Ichie Bank",
            "山田 太郎",
            SECRET,
            new TotpParameters(HmacAlgorithm.SHA256, 8, Duration.ofSeconds(60)));

    assertThat(uri.toUriString())
        .isEqualTo(
            "otpauth://totp/Ichie%20Bank:%E5%B1%B1%E7%94%B0%20%E5%A4%AA%E9%83%8E"
                + "?secret=JBSWY3DPEHPK3PXP&issuer=Ichie%20Bank&algorithm=SHA256&digits=8&period=60");
    assertThat(KeyUri.parse(uri.toUriString())).isEqualTo(uri);
  }

  @Test
  void toUriStringWhenHotpWithoutIssuerThenWritesCounter() {
    KeyUri uri = KeyUri.hotp(null, "a:b", SECRET, HmacAlgorithm.SHA1, 6, 7);

    assertThat(uri.toUriString())
        .isEqualTo(
            "otpauth://hotp/a%3Ab?secret=JBSWY3DPEHPK3PXP&algorithm=SHA1&digits=6&counter=7");
    assertThat(KeyUri.parse(uri.toUriString())).isEqualTo(uri);
  }

  @Test
  void parseWhenBuilderMadeUriOfRandomInputsThenGivesItBack() {
    Random random = new Random(20251126);
    for (int i = 0; i < 1000; i++) {
      String issuer = random.nextInt(5) == 0 ? null : randomText(random);
      String account = randomText(random);
      while (account.startsWith(" ")) {
        account = account.substring(1) + "x";
      }
      byte[] key = new byte[1 + random.nextInt(64)];
      random.nextBytes(key);
      HmacAlgorithm algorithm = HmacAlgorithm.values()[random.nextInt(3)];
      int digits = 6 + random.nextInt(3);
      KeyUri uri =
          random.nextBoolean()
              ? KeyUri.totp(
                  issuer,
                  account,
                  Secret.of(key),
                  new TotpParameters(
                      algorithm, digits, Duration.ofSeconds(1 + random.nextInt(300))))
              : KeyUri.hotp(
                  issuer,
                  account,
                  Secret.of(key),
                  algorithm,
                  digits,
                  random.nextLong() & Long.MAX_VALUE);

      String text = uri.toUriString();

      assertThat(KeyUri.parse(text)).as(text).isEqualTo(uri);
      assertThat(text)
          .as(text)
          .matches("otpauth://[th]otp/[A-Za-z0-9%._~:-]+\\?[A-Za-z0-9%._~=&-]+");
    }
  }

  /**
   * Text of 1 to 12 code points from ASCII (with ':', ' ', '%', '&', '?', '=', '+', '#'), Japanese
   * and emoji.
   */
  private static String randomText(Random random) {
    String[] pool = {
      "a",
      "Z",
      "0",
      ":",
      " ",
      "%",
      "&",
      "?",
      "=",
      "+",
      "#",
      "/",
      "@",
      ".",
      "~",
      "銀",
      "行",
      "ー",
      "\u00e9",
      "\ud83d\udd11",
      "\u0661",
      "\t"
    };
    StringBuilder b = new StringBuilder();
    int length = 1 + random.nextInt(12);
    for (int i = 0; i < length; i++) {
      b.append(pool[random.nextInt(pool.length)]);
    }
    return b.toString();
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # URI                                                                  | Reason
          otpauth://totp/Example:alice?issuer=Example                            | missing secret parameter
          otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PX1                   | bad secret parameter: invalid Base32 character '1' (U+0031) at index 15
          otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3P                     | bad secret parameter: invalid Base32 length: 14 data characters (14 mod 8 = 6) cannot encode whole bytes
          otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PX                    | bad secret parameter: invalid Base32: non-zero trailing bits in the last character 'X' (U+0058) at index 14
          otpauth://totp/Example:alice?secret=                                   | bad secret parameter: secret must not be empty
          otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP&digits=5          | bad digits parameter '5': must be 6, 7 or 8
          otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP&digits=11         | bad digits parameter '11': must be 6, 7 or 8
          otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP&digits=six        | bad digits parameter 'six': must be 6, 7 or 8
          otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP&algorithm=MD5     | unknown algorithm 'MD5' (expected SHA1, SHA256 or SHA512)
          otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP&period=0          | bad period parameter '0': must be a positive whole number of seconds
          otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP&period=-30        | bad period parameter '-30': must be a positive whole number of seconds
          otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP&period=1.5        | bad period parameter '1.5': must be a positive whole number of seconds
          otpauth://hotp/Example:alice?secret=JBSWY3DPEHPK3PXP                   | missing counter parameter (required for hotp)
          otpauth://hotp/Example:alice?secret=JBSWY3DPEHPK3PXP&counter=x         | bad counter parameter 'x': must be a non-negative integer
          otpauth://hotp/Example:alice?secret=JBSWY3DPEHPK3PXP&counter=9223372036854775808 | bad counter parameter '9223372036854775808': must be a non-negative integer
          https://totp/Example:alice?secret=JBSWY3DPEHPK3PXP                     | not an otpauth URI: the scheme must be 'otpauth', was 'https'
          otpauth:totp/Example:alice?secret=JBSWY3DPEHPK3PXP                     | not an otpauth URI: expected otpauth://TYPE/LABEL?PARAMETERS
          otpauth://motp/Example:alice?secret=JBSWY3DPEHPK3PXP                   | unknown OTP type 'motp' (expected totp or hotp)
          otpauth://totp?secret=JBSWY3DPEHPK3PXP                                 | missing label: expected otpauth://TYPE/LABEL?PARAMETERS
          otpauth://totp/?secret=JBSWY3DPEHPK3PXP                                | missing account name in label
          otpauth://totp/Example:?secret=JBSWY3DPEHPK3PXP                        | missing account name in label
          otpauth://totp/:alice?secret=JBSWY3DPEHPK3PXP                          | empty issuer in label
          otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP&issuer=Other      | issuer mismatch: the label has 'Example', the issuer parameter 'Other'
          otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP&issuer=           | issuer parameter must not be empty
          otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP&secret=JBSWY3DP   | duplicate parameter 'secret'
          otpauth://totp/Exa%2mple:alice?secret=JBSWY3DPEHPK3PXP                 | bad percent-encoding in label at index 3: expected %XX
          otpauth://totp/Example:alice%?secret=JBSWY3DPEHPK3PXP                  | bad percent-encoding in label at index 5: expected %XX
          otpauth://totp/Example:alice%FF?secret=JBSWY3DPEHPK3PXP                | bad percent-encoding in label: not UTF-8
          """)
  void parseWhenMalformedThenFailsWithReason(String uri, String reason) {
    assertThatThrownBy(() -> KeyUri.parse(uri))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(reason);
  }

  @Test
  void toStringWhenPrintedThenHidesSecret() {
    KeyUri uri = KeyUri.totp("Example", "alice", SECRET, TotpParameters.DEFAULT);

    assertThat(uri.toString())
        .doesNotContain("JBSWY3DPEHPK3PXP")
        .isEqualTo(
            "KeyUri[type=TOTP, issuer=Example, account=alice, secret=Secret[10 bytes],"
                + " algorithm=SHA1, digits=6, period=PT30S, counter=0]");
  }

  @Test
  void constructorWhenFieldsDoNotFitThenFailsWithExactMessages() {
    Duration period = Duration.ofSeconds(30);
    HmacAlgorithm sha1 = HmacAlgorithm.SHA1;

    assertThatThrownBy(() -> KeyUri.totp("", "alice", SECRET, TotpParameters.DEFAULT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("issuer must not be empty");
    assertThatThrownBy(() -> KeyUri.totp("Example", "", SECRET, TotpParameters.DEFAULT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("account must not be empty");
    assertThatThrownBy(() -> KeyUri.totp("Example", " alice", SECRET, TotpParameters.DEFAULT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("account must not start with a space");
    assertThatThrownBy(() -> KeyUri.totp("Example", "al\ud800ice", SECRET, TotpParameters.DEFAULT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("account has an unpaired surrogate at index 2");
    assertThatThrownBy(() -> KeyUri.hotp("Example", "alice", SECRET, sha1, 5, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("digits must be between 6 and 8, was 5");
    assertThatThrownBy(() -> KeyUri.hotp("Example", "alice", SECRET, sha1, 6, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("counter must not be negative, was -1");
    assertThatThrownBy(
            () -> new KeyUri(KeyUri.Type.TOTP, "Example", "alice", SECRET, sha1, 6, period, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("counter must be 0 for totp, was 3");
    assertThatThrownBy(
            () -> new KeyUri(KeyUri.Type.TOTP, "Example", "alice", SECRET, sha1, 6, null, 0))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("period must not be null for totp");
    assertThatThrownBy(
            () -> new KeyUri(KeyUri.Type.HOTP, "Example", "alice", SECRET, sha1, 6, period, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("period must be null for hotp, was PT30S");
    assertThatThrownBy(() -> KeyUri.hotp("Example", "alice", SECRET, sha1, 6, 0).totpParameters())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("not a totp key");
  }
}
