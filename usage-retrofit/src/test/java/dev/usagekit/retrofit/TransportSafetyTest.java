package dev.usagekit.retrofit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Plain http only to this machine, and no non-ASCII names past OkHttp 3.14.9's verifier (CVE-2021-0341). */
class TransportSafetyTest {

  @ParameterizedTest
  @ValueSource(strings = {"http://api.openai.com/v1/", "http://10.0.0.5:8080/v1/", "http://128.0.0.1/v1/",
      "http://localhost.example.com/v1/", "http://127.0.0.1.nip.io/v1/"})
  void plainHttpToAnotherHostIsRefused(String baseUrl) {
    assertThatIllegalArgumentException().isThrownBy(() -> UsageApiFactory.builder().baseUrl(baseUrl))
        .withMessage("baseUrl must be https unless its host is loopback (localhost, 127.0.0.0/8, ::1), "
            + "so that the admin key never crosses a network in clear text: " + baseUrl);
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://localhost:8080/v1/", "http://127.0.0.1:1234/v1/", "http://127.10.20.30/v1/",
      "http://[::1]:9000/v1/", "http://app.localhost/v1/", "https://api.openai.com/v1/", "https://10.0.0.5/v1/"})
  void httpsAnywhereAndPlainHttpToLoopbackAreAccepted(String baseUrl) {
    UsageApi api = UsageApiFactory.builder().adminKey("sk-admin-test").baseUrl(baseUrl).build();

    assertThat(api).isNotNull();
  }

  @Test
  void theClientWrapsTheGivenHostnameVerifier() {
    HostnameVerifier own = (host, session) -> true;
    OkHttpClient base = new OkHttpClient.Builder().hostnameVerifier(own).build();

    OkHttpClient client = UsageApiFactory.authenticated(base, "sk-admin-test");

    assertThat(client.hostnameVerifier()).isInstanceOf(AsciiHostnameVerifier.class);
    assertThat(((AsciiHostnameVerifier) client.hostnameVerifier()).delegate()).isSameAs(own);
  }

  @Test
  void aNonAsciiHostnameIsRefusedWithoutAskingTheDelegate() {
    HostnameVerifier delegate = mock(HostnameVerifier.class);
    when(delegate.verify(anyString(), any())).thenReturn(true);

    boolean verified = new AsciiHostnameVerifier(delegate).verify("api.\u043epenai.com", session(certificate(
        Collections.singletonList(Arrays.<Object>asList(2, "api.openai.com")))));

    assertThat(verified).isFalse();
    verify(delegate, never()).verify(anyString(), any());
  }

  @Test
  void aCertificateWithANonAsciiDnsNameIsRefused() {
    HostnameVerifier delegate = mock(HostnameVerifier.class);
    when(delegate.verify(anyString(), any())).thenReturn(true);

    boolean verified = new AsciiHostnameVerifier(delegate).verify("api.openai.com", session(certificate(
        Arrays.asList(Arrays.<Object>asList(2, "api.openai.com"), Arrays.<Object>asList(2, "*.\u00e9xample.com")))));

    assertThat(verified).isFalse();
    verify(delegate, never()).verify(anyString(), any());
  }

  @Test
  void asciiNamesAreLeftToTheDelegate() {
    HostnameVerifier delegate = mock(HostnameVerifier.class);
    SSLSession session = session(certificate(Collections.singletonList(Arrays.<Object>asList(2, "api.openai.com"))));
    when(delegate.verify("api.openai.com", session)).thenReturn(true);
    when(delegate.verify("other.example.com", session)).thenReturn(false);
    AsciiHostnameVerifier verifier = new AsciiHostnameVerifier(delegate);

    assertThat(verifier.verify("api.openai.com", session)).isTrue();
    assertThat(verifier.verify("other.example.com", session)).isFalse();
  }

  private static X509Certificate certificate(List<List<?>> subjectAltNames) {
    X509Certificate certificate = mock(X509Certificate.class);
    try {
      when(certificate.getSubjectAlternativeNames()).thenReturn(subjectAltNames);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    when(certificate.getSubjectX500Principal()).thenReturn(new X500Principal("CN=api.openai.com"));
    return certificate;
  }

  private static SSLSession session(X509Certificate certificate) {
    SSLSession session = mock(SSLSession.class);
    try {
      when(session.getPeerCertificates()).thenReturn(new Certificate[] {certificate});
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    return session;
  }
}
