package dev.usagekit.retrofit;

import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * Rejects hostnames and certificate DNS names that are not plain ASCII, then asks {@code delegate}.
 *
 * <p>OkHttp 3.14.9 is end-of-life and matches non-ASCII names wrongly (CVE-2021-0341): a certificate for a name
 * with non-ASCII characters can be accepted for another host. The API's hosts are ASCII, so refusing any
 * non-ASCII name on either side closes the hole without changing what legitimate connections see.
 */
final class AsciiHostnameVerifier implements HostnameVerifier {
  /** The {@code GeneralName} type of a DNS name in {@link X509Certificate#getSubjectAlternativeNames()}. */
  private static final int DNS_NAME = 2;

  private final HostnameVerifier delegate;

  AsciiHostnameVerifier(HostnameVerifier delegate) {
    this.delegate = delegate;
  }

  HostnameVerifier delegate() {
    return delegate;
  }

  @Override
  public boolean verify(String host, SSLSession session) {
    if (!isAscii(host)) {
      return false;
    }
    Certificate[] chain;
    try {
      chain = session.getPeerCertificates();
    } catch (SSLPeerUnverifiedException e) {
      return false;
    }
    if (chain.length > 0 && chain[0] instanceof X509Certificate && !hasOnlyAsciiNames((X509Certificate) chain[0])) {
      return false;
    }
    return delegate.verify(host, session);
  }

  private static boolean hasOnlyAsciiNames(X509Certificate certificate) {
    Collection<List<?>> names;
    try {
      names = certificate.getSubjectAlternativeNames();
    } catch (CertificateParsingException e) {
      return false;
    }
    if (names != null) {
      for (List<?> name : names) {
        if (name.size() >= 2 && Integer.valueOf(DNS_NAME).equals(name.get(0))
            && !(name.get(1) instanceof String && isAscii((String) name.get(1)))) {
          return false;
        }
      }
    }
    return isAscii(certificate.getSubjectX500Principal().getName());
  }

  static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) > 0x7f) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return "AsciiHostnameVerifier(" + delegate + ")";
  }
}
