package dev.ichie.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ichie.otp.Secret;
import dev.ichie.otp.SecretAccess;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The vault's contents: version 3 keeps the device key and the service's app-lock rule; vaults of
 * versions 1 and 2 are still read.
 */
class VaultCodecTest {

  @Test
  void decodeWhenVersionOneWrittenByAnEarlierAppThenReadWithoutADeviceKey() throws Exception {
    Account a = Fixtures.account("demo", "4128307659", Duration.ofMillis(1500));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(1);
      out.writeInt(1);
      out.writeUTF(a.serviceId());
      out.writeUTF(a.serviceName());
      out.writeUTF(a.userId());
      out.writeUTF(a.server().uri().toString());
      out.writeUTF("");
      out.writeBoolean(a.server().insecurePlainHttp());
      out.writeUTF(a.credentialId());
      out.writeUTF(a.deviceLabel());
      out.writeUTF(a.parameters().algorithm().name());
      out.writeInt(a.parameters().digits());
      out.writeLong(a.parameters().period().getSeconds());
      out.writeLong(a.clockOffset().toMillis());
      out.writeLong(a.clockCheckedAt().toEpochMilli());
      out.writeLong(a.activatedAt().toEpochMilli());
      out.writeShort(20);
      out.write("12345678901234567890".getBytes());
    }
    List<VaultEntry> read = VaultCodec.decode(bytes.toByteArray());
    assertThat(read).hasSize(1);
    assertThat(read.get(0).account()).isEqualTo(a);
    assertThat(read.get(0).deviceKey()).isNull();
  }

  @Test
  void encodeWhenADeviceKeyIsHeldThenVersionTwoKeepsItAndAnEntryWithoutOne() throws Exception {
    Account a = Fixtures.account("demo", "4128307659", Duration.ZERO);
    Account b = Fixtures.account("demo", "5000000007", Duration.ZERO);
    Secret key = Secret.of(new byte[] {1, 2, 3, 4, 5});
    VaultCodec.WipeableBuffer buffer =
        VaultCodec.encode(
            List.of(
                new VaultEntry(a, Secret.of(new byte[20]), key),
                new VaultEntry(b, Secret.of(new byte[20]))));
    List<VaultEntry> read = VaultCodec.decode(buffer.toByteArray());
    buffer.wipe();
    assertThat(read.get(0).deviceKey().bytes(SecretAccess.get())).containsExactly(1, 2, 3, 4, 5);
    assertThat(read.get(1).deviceKey()).isNull();
  }

  @Test
  void encodeWhenTheServiceRequiresTheAppLockThenKeptPerAccount() throws Exception {
    Account a = Fixtures.account("demo", "4128307659", Duration.ZERO);
    Account required =
        new Account(
            a.serviceId(),
            a.serviceName(),
            a.userId(),
            a.server(),
            a.credentialId(),
            a.deviceLabel(),
            a.parameters(),
            a.clockOffset(),
            a.clockCheckedAt(),
            a.activatedAt(),
            true);
    Account b = Fixtures.account("staff", "5000000007", Duration.ZERO);
    VaultCodec.WipeableBuffer buffer =
        VaultCodec.encode(
            List.of(
                new VaultEntry(required, Secret.of(new byte[20])),
                new VaultEntry(b, Secret.of(new byte[20]))));
    byte[] bytes = buffer.toByteArray();
    buffer.wipe();
    List<VaultEntry> read = VaultCodec.decode(bytes);
    assertThat(read.get(0).account().appLockRequired()).isTrue();
    assertThat(read.get(1).account().appLockRequired()).isFalse();
    assertThat(bytes[3]).isEqualTo((byte) 3);

    // One entry's bytes without its last byte (the flag) as version 2: an older vault, which
    // requires nothing.
    VaultCodec.WipeableBuffer one =
        VaultCodec.encode(List.of(new VaultEntry(required, Secret.of(new byte[20]))));
    byte[] older = java.util.Arrays.copyOf(one.toByteArray(), one.size() - 1);
    one.wipe();
    older[3] = 2;
    assertThat(VaultCodec.decode(older).get(0).account().appLockRequired()).isFalse();
  }

  @Test
  void decodeWhenWrittenByANewerAppThenDamagedNotGuessed() {
    byte[] newer = VaultCodec.encode(List.of()).toByteArray();
    newer[3] = 4;
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> VaultCodec.decode(newer))
        .isInstanceOfSatisfying(
            TokenException.class, e -> assertThat(e.problem()).isEqualTo(Problem.VAULT_DAMAGED));
  }
}
