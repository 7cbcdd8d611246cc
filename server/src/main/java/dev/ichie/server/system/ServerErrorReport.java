package dev.ichie.server.system;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.Host;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * The answer of the errors Tomcat meets before the application sees a request (a request line it
 * cannot read, an HTTP version it does not speak, a header too large): the same short JSON or page
 * as the application's own errors, in place of Tomcat's page with its name and version.
 */
@Component
final class ServerErrorReport
    implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

  private final MessageSource messages;

  ServerErrorReport(MessageSource messages) {
    this.messages = messages;
  }

  @Override
  public int getOrder() {
    // After Spring Boot's customizer, whose own report valve this one replaces.
    return Ordered.LOWEST_PRECEDENCE;
  }

  @Override
  public void customize(TomcatServletWebServerFactory factory) {
    factory.addContextCustomizers(
        context -> {
          Host host = (Host) context.getParent();
          Pipeline pipeline = host.getPipeline();
          for (Valve valve : pipeline.getValves()) {
            if (valve instanceof ErrorReportValve) {
              pipeline.removeValve(valve);
            }
          }
          if (host instanceof StandardHost standard) {
            standard.setErrorReportValveClass(Report.class.getName());
          }
          pipeline.addValve(new Report(messages));
        });
  }

  /** The valve. Public for Tomcat, which checks its class by name. */
  public static final class Report extends ErrorReportValve {

    private final MessageSource messages;

    /** Unused: Tomcat finds the one added above and adds no other. */
    public Report() {
      this(null);
    }

    Report(MessageSource messages) {
      this.messages = messages;
    }

    @Override
    protected void report(Request request, Response response, Throwable failure) {
      int status = response.getStatus();
      if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
        return;
      }
      AtomicBoolean io = new AtomicBoolean(false);
      response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, io);
      if (!io.get()) {
        return;
      }
      String path = request.getRequestURI() == null ? "/" : request.getRequestURI();
      ErrorKind kind = ErrorKind.of(status);
      String body;
      try {
        if (ErrorAnswers.api(path) || messages == null) {
          response.setContentType("application/json");
          body = ErrorAnswers.json(path, kind.code(), kind.message());
        } else {
          response.setContentType("text/html");
          body = page(locale(request), kind);
        }
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        SecureHeaders.set(response);
        Writer writer = response.getReporter();
        if (writer != null) {
          writer.write(body);
          response.finishResponse();
        }
      } catch (IOException | IllegalStateException e) {
        // The connection is gone or cannot take a body: the status alone is the answer.
      }
    }

    private String page(Locale locale, ErrorKind kind) {
      String title = HtmlUtils.htmlEscape(messages.getMessage("error.title", null, locale));
      String text = HtmlUtils.htmlEscape(messages.getMessage(kind.textKey(), null, locale));
      return "<!DOCTYPE html><html lang=\""
          + locale.getLanguage()
          + "\"><head><meta charset=\"UTF-8\"><title>"
          + title
          + "</title></head><body><h1>"
          + title
          + "</h1><p>"
          + text
          + "</p></body></html>";
    }

    private static Locale locale(Request request) {
      try {
        return request.getHeader("Accept-Language") == null
            ? Locale.JAPANESE
            : LocaleConfig.supported(request.getLocale());
      } catch (RuntimeException e) {
        return Locale.JAPANESE;
      }
    }
  }
}
