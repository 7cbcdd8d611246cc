-- Passkeys (PASSKEYS.md): the PASSKEY credentials' detail, the WebAuthn user handle of each
-- customer, and the random part of a challenge.

-- 32 random bytes per customer and service, the WebAuthn user.id: not the customer reference, which
-- an authenticator may show or sync.
ALTER TABLE customer ADD COLUMN user_handle BYTEA;

-- One row per passkey; id is its credential row's. credential_id is the WebAuthn credential ID
-- (base64url), unique in a service; attested is its attested credential data (AAGUID, ID, COSE
-- public key) as the authenticator gave it.
CREATE TABLE passkey (
    id              VARCHAR(64)   PRIMARY KEY REFERENCES credential (id),
    service_id      VARCHAR(32)   NOT NULL,
    credential_id   VARCHAR(1400) NOT NULL,
    attested        BYTEA         NOT NULL,
    sign_count      BIGINT        NOT NULL,
    aaguid          VARCHAR(36)   NOT NULL,
    backup_eligible BOOLEAN       NOT NULL,
    backup_state    BOOLEAN       NOT NULL,
    uv_initialized  BOOLEAN       NOT NULL,
    transports      VARCHAR(100),
    CONSTRAINT uq_passkey_credential UNIQUE (service_id, credential_id)
);

-- The random bytes a challenge asks an authenticator to sign (for a passkey, the WebAuthn
-- challenge: 16 random bytes, then the SHA-256 of the operation when it is bound to one).
ALTER TABLE challenge ADD COLUMN nonce BYTEA;
