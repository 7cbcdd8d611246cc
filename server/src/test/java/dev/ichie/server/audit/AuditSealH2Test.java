package dev.ichie.server.audit;

import dev.ichie.server.support.ServerTest;

@ServerTest
class AuditSealH2Test extends AuditSealContract {}
