/**
 * The Ichie token app's core: what the command line ({@code dev.ichie.token.cli}) and the desktop
 * window build on. {@link dev.ichie.token.TokenApp} is the entry point; it prints nothing and reads
 * no clock of its own (the {@link java.time.Clock} comes in {@link
 * dev.ichie.token.TokenAppOptions}); every text it causes is a message key in {@link
 * dev.ichie.token.Texts}.
 *
 * <ul>
 *   <li>{@link dev.ichie.token.TokenHome}: where the vault lives ({@code ~/.ichie-token} or {@code
 *       ICHIE_TOKEN_HOME}).
 *   <li>{@link dev.ichie.token.TokenApp}: open or unlock the vault, list accounts, codes, activate,
 *       remove, app-lock PIN, clock check.
 *   <li>{@link dev.ichie.token.ActivationRequest}, {@link dev.ichie.token.ServerEndpoint}, {@link
 *       dev.ichie.token.PublicKeyPin}: what activation needs.
 *   <li>{@link dev.ichie.token.Account}, {@link dev.ichie.token.Code}, {@link
 *       dev.ichie.token.ClockCheck}, {@link dev.ichie.token.ActivationResult}: values.
 *   <li>{@link dev.ichie.token.TokenException} with a {@link dev.ichie.token.Problem}: every
 *       failure; {@link dev.ichie.token.Texts#describe} says it in Japanese or English.
 * </ul>
 */
package dev.ichie.token;
