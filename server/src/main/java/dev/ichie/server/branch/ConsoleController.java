package dev.ichie.server.branch;

import dev.ichie.server.audit.Actor;
import dev.ichie.server.audit.AuditLog;
import dev.ichie.server.factor.Subject;
import dev.ichie.server.passkey.PasskeyCeremonies;
import dev.ichie.server.system.Forms;
import dev.ichie.server.token.TokenQueries;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The console (F8): find a customer by login ID, user ID, name or mail address; see their token,
 * failure counts, last use and audit trail; file a recovery request; decide other staff members'
 * requests; read the staff actions log. Every search and view is audited.
 */
@Controller
@RequestMapping("/branch")
@BranchEnabled
class ConsoleController {

  /** How the customer's identity was checked, in the order the form offers them. */
  static final List<String> IDENTITY_CHECKS =
      List.of("DRIVERS_LICENSE", "MY_NUMBER_CARD", "PASSPORT", "CALLBACK", "OTHER");

  private final List<CustomerDirectory> directories;
  private final TokenQueries queries;
  private final RecoveryRequests requests;
  private final AuditLog audit;
  private final BranchProperties properties;

  private final PasskeyCeremonies passkeys;
  private final StaffAccounts staff;
  private final dev.ichie.server.factor.TransferHolds holds;

  ConsoleController(
      StaffAccounts staff,
      dev.ichie.server.factor.TransferHolds holds,
      List<CustomerDirectory> directories,
      TokenQueries queries,
      RecoveryRequests requests,
      AuditLog audit,
      BranchProperties properties,
      PasskeyCeremonies passkeys) {
    this.passkeys = passkeys;
    this.staff = staff;
    this.holds = holds;
    this.directories = directories;
    this.queries = queries;
    this.requests = requests;
    this.audit = audit;
    this.properties = properties;
  }

  private Model common(StaffMember member, Model model) {
    model.addAttribute("member", member);
    model.addAttribute("zone", queries.timeZone(properties.customerServiceId()));
    return model;
  }

  /** The pending requests, each with its customer's name and its requester's. */
  private void pending(Model model) {
    List<RecoveryRequests.Request> pending = requests.pending();
    model.addAttribute("pending", pending);
    names(model, pending);
  }

  private void names(Model model, List<RecoveryRequests.Request> list) {
    Map<String, String> customers = new LinkedHashMap<>();
    Map<String, String> requesters = new LinkedHashMap<>();
    for (RecoveryRequests.Request r : list) {
      customers.computeIfAbsent(
          r.customerRef(),
          ref ->
              directories.stream()
                  .map(d -> d.find(ref))
                  .flatMap(Optional::stream)
                  .map(CustomerDirectory.Entry::name)
                  .filter(name -> !name.isEmpty())
                  .findFirst()
                  .orElse(""));
      requesters.computeIfAbsent(
          r.requestedBy(), id -> staff.find(id).map(StaffMember::name).orElse(id));
    }
    model.addAttribute("customerNames", customers);
    model.addAttribute("staffNames", requesters);
  }

  /** 承認 asks once more: the request in full, then 「承認する」. */
  @GetMapping("/requests/{id}/approve")
  String confirmApproval(
      @AuthenticationPrincipal StaffMember member,
      @PathVariable long id,
      Model model,
      RedirectAttributes redirect) {
    Optional<RecoveryRequests.Request> r =
        requests.find(id).filter(q -> q.status() == RecoveryRequests.Status.PENDING);
    if (r.isEmpty()) {
      redirect.addFlashAttribute("error", "branch.decision.NOT_PENDING");
      return "redirect:/branch/";
    }
    common(member, model);
    model.addAttribute("r", r.get());
    names(model, List.of(r.get()));
    return "branch/approve";
  }

  @GetMapping({"", "/"})
  String home(@AuthenticationPrincipal StaffMember member, Model model) {
    common(member, model);
    pending(model);
    return "branch/console";
  }

  @GetMapping("/customers")
  String search(
      @AuthenticationPrincipal StaffMember member,
      @RequestParam(defaultValue = "") String q,
      HttpServletRequest http,
      Model model) {
    common(member, model);
    String query = q.strip();
    model.addAttribute("q", query.length() <= 100 ? query : "");
    if (query.isEmpty() || query.length() > 100) {
      model.addAttribute("error", "branch.search.error");
      pending(model);
      return "branch/console";
    }
    Map<String, CustomerDirectory.Entry> found = new LinkedHashMap<>();
    for (CustomerDirectory d : directories) {
      d.search(query, 50).forEach(e -> found.putIfAbsent(e.customerRef(), e));
    }
    for (String ref : queries.findCustomers(properties.customerServiceId(), query, 50)) {
      directories.stream()
          .map(d -> d.find(ref))
          .flatMap(Optional::stream)
          .findFirst()
          .ifPresentOrElse(
              e -> found.putIfAbsent(ref, e),
              () ->
                  found.putIfAbsent(
                      ref, new CustomerDirectory.Entry(ref, "", "", false, 0, false)));
    }
    record(member, http, null, "STAFF_SEARCH", found.size() + " found");
    model.addAttribute("results", List.copyOf(found.values()));
    return "branch/results";
  }

  @GetMapping("/customers/{ref}")
  String customer(
      @AuthenticationPrincipal StaffMember member,
      @PathVariable String ref,
      HttpServletRequest http,
      Model model) {
    common(member, model);
    var status = queries.status(properties.customerServiceId(), ref);
    Optional<CustomerDirectory.Entry> entry =
        directories.stream().map(d -> d.find(ref)).flatMap(Optional::stream).findFirst();
    if (entry.isEmpty() && status.status() == null) {
      model.addAttribute("error", "branch.customer.notFound");
      pending(model);
      return "branch/console";
    }
    record(member, http, ref, "STAFF_VIEW", null);
    model.addAttribute("ref", ref);
    model.addAttribute("entry", entry.orElse(null));
    model.addAttribute("token", status.status());
    model.addAttribute("requests", requests.forCustomer(ref));
    model.addAttribute(
        "trail", queries.auditTrail(properties.customerServiceId(), ref, 200).orElse(List.of()));
    model.addAttribute("identityChecks", IDENTITY_CHECKS);
    model.addAttribute("passkeys", passkeys.list(new Subject(properties.customerServiceId(), ref)));
    model.addAttribute(
        "hold", holds.find(new Subject(properties.customerServiceId(), ref)).orElse(null));
    return "branch/customer";
  }

  @PostMapping("/customers/{ref}/requests")
  String file(
      @AuthenticationPrincipal StaffMember member,
      @PathVariable String ref,
      @Valid RecoveryRequestForm form,
      BindingResult binding,
      HttpServletRequest http,
      RedirectAttributes redirect) {
    Optional<String> invalid = Forms.error(binding, RecoveryRequestForm.ORDER);
    if (invalid.isPresent()) {
      redirect.addFlashAttribute("error", invalid.get());
      return toCustomer(ref, redirect);
    }
    boolean known =
        directories.stream().anyMatch(d -> d.find(ref).isPresent())
            || queries.status(properties.customerServiceId(), ref).status() != null;
    if (!known) {
      redirect.addFlashAttribute("error", "branch.customer.notFound");
      return "redirect:/branch/";
    }
    long id =
        requests.file(
            member,
            ref,
            RecoveryRequests.Action.valueOf(form.action()),
            form.waiveNextDay(),
            form.reason(),
            form.identity(),
            form.passkey(),
            http.getRemoteAddr());
    redirect.addFlashAttribute("requestId", id);
    return toCustomer(ref, redirect);
  }

  /** The customer's page: the reference goes in encoded, never read as a URI template. */
  private static String toCustomer(String ref, RedirectAttributes redirect) {
    redirect.addAttribute("ref", ref);
    return "redirect:/branch/customers/{ref}";
  }

  @PostMapping("/requests/{id}/approve")
  String approve(
      @AuthenticationPrincipal StaffMember member,
      @PathVariable long id,
      HttpServletRequest http,
      RedirectAttributes redirect) {
    decided(requests.approve(member, id, http.getRemoteAddr()), "approved", redirect);
    return "redirect:/branch/";
  }

  @PostMapping("/requests/{id}/reject")
  String reject(
      @AuthenticationPrincipal StaffMember member,
      @PathVariable long id,
      HttpServletRequest http,
      RedirectAttributes redirect) {
    decided(requests.reject(member, id, http.getRemoteAddr()), "rejected", redirect);
    return "redirect:/branch/";
  }

  private static void decided(
      RecoveryRequests.Decision d, String verb, RedirectAttributes redirect) {
    if (d == RecoveryRequests.Decision.DONE) {
      redirect.addFlashAttribute("done", "branch.request." + verb);
    } else {
      redirect.addFlashAttribute("error", "branch.decision." + d.name());
    }
  }

  @GetMapping("/audit")
  String log(@AuthenticationPrincipal StaffMember member, Model model) {
    common(member, model);
    model.addAttribute("events", audit.byActorType(Actor.Type.STAFF, 300));
    model.addAttribute("staffService", properties.staffServiceId());
    return "branch/audit";
  }

  private void record(
      StaffMember member, HttpServletRequest http, String ref, String event, String detail) {
    audit.record(
        new AuditLog.Subject(properties.customerServiceId(), ref, null, null),
        RecoveryRequests.actor(member, http.getRemoteAddr()),
        event,
        "OK",
        detail);
  }
}
