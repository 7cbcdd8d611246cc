package dev.ichie.server.api;

import dev.ichie.server.system.JsonErrors;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.springframework.dao.DataAccessException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Safe retries of the REST API's state-changing calls: a {@code POST} or {@code DELETE} with an
 * {@code Idempotency-Key} runs in one transaction with the claim of its key and the keeping of its
 * answer, so that after a crash either nothing of it happened (a retry runs it) or all of it did (a
 * retry, on any node, gets the first answer). The same key with another request gets 422.
 */
final class IdempotencyFilter extends OncePerRequestFilter {

  static final String HEADER = "Idempotency-Key";
  static final String REPLAYED = "Idempotent-Replayed";
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
  private static final int MAX_BODY = 64 * 1024;

  private final IdempotentCalls calls;
  private final TransactionTemplate tx;

  IdempotencyFilter(IdempotentCalls calls, TransactionTemplate tx) {
    this.calls = calls;
    this.tx = tx;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String key = request.getHeader(HEADER);
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    boolean changing = "POST".equals(request.getMethod()) || "DELETE".equals(request.getMethod());
    if (key == null
        || !changing
        || auth == null
        || !(auth.getPrincipal() instanceof ApiClient client)) {
      chain.doFilter(request, response);
      return;
    }
    if (!KEY.matcher(key).matches()) {
      JsonErrors.write(
          request,
          response,
          400,
          "MALFORMED",
          "Idempotency-Key must be 1 to 64 letters, digits or . _ : -");
      return;
    }
    byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
    if (body.length > MAX_BODY) {
      JsonErrors.write(request, response, 413, "MALFORMED", "the request is too large");
      return;
    }
    String scope = client.serviceId() + "/" + client.name();
    String fingerprint = fingerprint(request, body);
    HttpServletRequest read = new ReadBody(request, body);
    ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(response);
    IdempotentCalls.Claim claim;
    try {
      claim =
          tx.execute(
              status -> {
                IdempotentCalls.Claim c = calls.claim(scope, key, fingerprint);
                if (!(c instanceof IdempotentCalls.Claim.Claimed)) {
                  return c;
                }
                try {
                  chain.doFilter(read, answer);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                } catch (ServletException e) {
                  throw new IllegalStateException(e);
                }
                if (answer.getStatus() >= 500 || status.isRollbackOnly()) {
                  status.setRollbackOnly();
                  return c;
                }
                calls.keep(
                    scope,
                    key,
                    new IdempotentCalls.Answer(
                        answer.getStatus(),
                        answer.getContentType(),
                        new String(answer.getContentAsByteArray(), StandardCharsets.UTF_8)));
                return c;
              });
    } catch (TransactionException | DataAccessException e) {
      // Nothing of the call was committed: the client may retry with the same key.
      answer.resetBuffer();
      JsonErrors.write(
          request, response, 503, "RETRY", "the call was not completed; retry with the same key");
      return;
    }
    if (claim instanceof IdempotentCalls.Claim.Claimed) {
      answer.copyBodyToResponse();
    } else if (claim instanceof IdempotentCalls.Claim.Repeat r) {
      response.setStatus(r.answer().status());
      if (r.answer().contentType() != null) {
        response.setContentType(r.answer().contentType());
      }
      response.setHeader(REPLAYED, "true");
      response.setCharacterEncoding(StandardCharsets.UTF_8.name());
      response.getWriter().write(r.answer().body() == null ? "" : r.answer().body());
    } else if (claim instanceof IdempotentCalls.Claim.Conflict) {
      JsonErrors.write(
          request,
          response,
          422,
          "IDEMPOTENCY_KEY_REUSED",
          "this Idempotency-Key was used for another request");
    } else {
      JsonErrors.write(
          request,
          response,
          409,
          "IDEMPOTENCY_KEY_IN_USE",
          "a call with this Idempotency-Key is still running; retry later");
    }
  }

  private static String fingerprint(HttpServletRequest request, byte[] body) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(request.getMethod().getBytes(StandardCharsets.US_ASCII));
      sha.update((byte) ' ');
      sha.update(request.getRequestURI().getBytes(StandardCharsets.UTF_8));
      sha.update((byte) '\n');
      return HexFormat.of().formatHex(sha.digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The request with its body read once and given again to whoever reads it. */
  private static final class ReadBody extends HttpServletRequestWrapper {

    private final byte[] body;

    ReadBody(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("blocking reads only");
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }
  }
}
