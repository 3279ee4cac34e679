package dev.usagekit.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A build check, not a test: run by the build in {@code verify} on target/usage-report.jar (made in {@code
 * package}, after the tests), it exits 1 naming every entry that must not ship: MockWebServer, JUnit, Hamcrest, the
 * testkit's MockWebServer adapter, a class-data-sharing archive. It also checks that the demo's own classes are there.
 */
final class ShadedJarCheck {
  private ShadedJarCheck() {}

  public static void main(String[] args) throws IOException {
    List<String> problems = new ArrayList<>();
    try (ZipFile jar = new ZipFile(args[0])) {
      for (Enumeration<? extends ZipEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
        String name = entries.nextElement().getName();
        if (mustNotShip(name)) {
          problems.add("must not ship: " + name);
        }
      }
      for (String required : new String[] {"dev/usagekit/testkit/FakeUsageApi.class", "dev/usagekit/cli/DemoServer.class"}) {
        if (jar.getEntry(required) == null) {
          problems.add("missing: " + required);
        }
      }
    }
    if (!problems.isEmpty()) {
      System.err.println(args[0] + ": " + problems.size() + " problems");
      for (String problem : problems) {
        System.err.println("  " + problem);
      }
      System.exit(1);
    }
    System.out.println(args[0] + ": no test framework, no MockWebServer, no CDS archive");
  }

  static boolean mustNotShip(String name) {
    return name.startsWith("okhttp3/mockwebserver/")
        || name.startsWith("junit/")
        || name.startsWith("org/junit/")
        || name.startsWith("org/hamcrest/")
        || name.startsWith("dev/usagekit/testkit/FakeUsageServer")
        || name.endsWith(".jsa");
  }
}
