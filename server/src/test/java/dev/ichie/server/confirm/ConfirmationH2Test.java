package dev.ichie.server.confirm;

import dev.ichie.server.support.ServerTest;

/** 取引認証 on H2. */
@ServerTest
class ConfirmationH2Test extends ConfirmationContract {}
