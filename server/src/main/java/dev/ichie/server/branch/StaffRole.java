package dev.ichie.server.branch;

/** What a staff member may do in the branch console. */
public enum StaffRole {
  /** Finds customers and files recovery requests. */
  TELLER,
  /** Also approves or rejects other staff members' requests. */
  SUPERVISOR,
  /** Manages staff accounts and their tokens. */
  ADMIN
}
