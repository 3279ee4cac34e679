package dev.usagekit.retrofit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SSLSession;
import javax.security.auth.x500.X500Principal;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/**
 * The tests run on the OkHttp the build asks for: 3.14.9 (Kotlin-free) by default, 4.12 (with Kotlin) with
 * {@code -Pokhttp4}. The root pom passes its {@code okhttp.version} as {@code usagekit.okhttp.version}, so a
 * profile whose dependency management lost to Retrofit's okhttp 3.14.9 fails here instead of testing 3.14 twice.
 */
class OkHttpOnClasspathTest {
  private static final String EXPECTED = System.getProperty("usagekit.okhttp.version", "");

  @Test
  void theBuildPassesTheExpectedOkHttpVersion() {
    assertThat(EXPECTED).as("system property usagekit.okhttp.version (set by the root pom's surefire config)")
        .matches("[34]\\.\\d+\\.\\d+");
  }

  @Test
  void theTestsRunOnTheOkHttpVersionOfTheBuild() throws ReflectiveOperationException {
    assertThat(okHttpVersionOnClasspath()).isEqualTo(EXPECTED);
  }

  @Test
  void theKotlinStdlibIsOnTheClasspathExactlyWithOkHttp4() {
    assertThat(isLoadable("kotlin.Unit")).as("kotlin-stdlib on the test classpath with OkHttp " + EXPECTED)
        .isEqualTo(!EXPECTED.startsWith("3."));
  }

  @Test
  void theWrappedDefaultVerifierIsOkHttpsAndStillMatchesNames() {
    OkHttpClient client = UsageApiFactory.authenticated(new OkHttpClient(), "sk-admin-test");
    HostnameVerifier verifier = client.hostnameVerifier();
    SSLSession session = session("api.openai.com");

    assertThat(((AsciiHostnameVerifier) verifier).delegate().getClass().getName())
        .isEqualTo("okhttp3.internal.tls.OkHostnameVerifier");
    assertThat(verifier.verify("api.openai.com", session)).isTrue();
    assertThat(verifier.verify("API.OpenAI.com", session)).isTrue();
    assertThat(verifier.verify("other.example.com", session)).isFalse();
  }

  /**
   * {@code okhttp3.OkHttp.VERSION} (OkHttp 4 and later), or the version in {@code okhttp3.internal.Version}'s
   * user agent, {@code okhttp/3.14.9} (OkHttp 3, which has no {@code OkHttp} class). By reflection: these tests
   * compile against either.
   */
  private static String okHttpVersionOnClasspath() throws ReflectiveOperationException {
    if (isLoadable("okhttp3.OkHttp")) {
      return (String) Class.forName("okhttp3.OkHttp").getField("VERSION").get(null);
    }
    String userAgent = (String) Class.forName("okhttp3.internal.Version").getMethod("userAgent").invoke(null);
    assertThat(userAgent).startsWith("okhttp/");
    return userAgent.substring("okhttp/".length());
  }

  private static boolean isLoadable(String className) {
    try {
      Class.forName(className, false, OkHttpOnClasspathTest.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  private static SSLSession session(String dnsName) {
    X509Certificate certificate = mock(X509Certificate.class);
    SSLSession session = mock(SSLSession.class);
    try {
      List<List<?>> names = Collections.singletonList(Arrays.<Object>asList(2, dnsName));
      when(certificate.getSubjectAlternativeNames()).thenReturn(names);
      when(certificate.getSubjectX500Principal()).thenReturn(new X500Principal("CN=" + dnsName));
      when(session.getPeerCertificates()).thenReturn(new Certificate[] {certificate});
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    return session;
  }
}
