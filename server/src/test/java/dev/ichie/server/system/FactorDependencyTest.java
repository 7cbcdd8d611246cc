package dev.ichie.server.system;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.ichie.server.factor.Authenticator;
import dev.ichie.server.factor.PasswordLockout;
import dev.ichie.server.token.CodeCheck;
import org.junit.jupiter.api.Test;

/**
 * Every authentication goes through the factor layer: no screen or API class checks a code or a
 * password itself.
 */
class FactorDependencyTest {

  private static final JavaClasses SERVER =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.ichie.server");

  @Test
  void codeCheckWhenUsedThenOnlyByTheTokenFeature() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.ichie.server.token..")
        .should()
        .dependOnClassesThat()
        .areAssignableTo(CodeCheck.class)
        .because("codes are checked only through FactorCheck and the TOTP authenticator")
        .check(SERVER);
  }

  @Test
  void authenticatorsWhenCalledThenOnlyByFactorCheck() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.ichie.server.factor..")
        .should()
        .callMethodWhere(
            com.tngtech.archunit.base.DescribedPredicate.describe(
                "Authenticator.verify",
                call ->
                    call.getTarget().getName().equals("verify")
                        && call.getTarget().getOwner().isAssignableTo(Authenticator.class)))
        .check(SERVER);
  }

  @Test
  void passwordLockoutWhenUsedThenOnlyByAuthenticators() {
    noClasses()
        .that()
        .resideInAnyPackage("..netbank..", "..branch..", "..api..")
        .and()
        .haveSimpleNameEndingWith("Controller")
        .should()
        .dependOnClassesThat()
        .areAssignableTo(PasswordLockout.class)
        .orShould()
        .dependOnClassesThat()
        .areAssignableTo(Authenticator.class)
        .check(SERVER);
  }
}
