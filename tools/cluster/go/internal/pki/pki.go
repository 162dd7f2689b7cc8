// Package pki mints the throw-away key material one control-plane run needs:
// a certificate authority, the kube-apiserver serving certificate, an admin
// client certificate and the service-account signing key.
//
// Everything is generated per run and lives only in the run directory, so no
// secret is ever shared between runs or committed anywhere.
package pki

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"time"
)

// Files are the paths of the PEM files written by Write.
type Files struct {
	CACert      string
	ServingCert string
	ServingKey  string
	AdminCert   string
	AdminKey    string
	// SAKey signs service-account tokens and SAPub verifies them.
	SAKey string
	SAPub string
}

// Material holds the PEM encodings, for embedding in a kubeconfig.
type Material struct {
	CACertPEM    []byte
	AdminCertPEM []byte
	AdminKeyPEM  []byte
}

// AdminUser and AdminGroup are the identity of the admin client certificate.
// system:masters bypasses RBAC, so neither the tests nor the kro controller
// need any RBAC objects.
const (
	AdminUser  = "kro-designer-admin"
	AdminGroup = "system:masters"
)

// validity is long enough for any test run and short enough that a leaked
// run directory holds nothing useful for long.
const validity = 7 * 24 * time.Hour

// Write generates all key material into dir and returns the file paths and
// the PEM data a kubeconfig needs.
func Write(dir string) (Files, Material, error) {
	f := Files{
		CACert:      filepath.Join(dir, "ca.crt"),
		ServingCert: filepath.Join(dir, "apiserver.crt"),
		ServingKey:  filepath.Join(dir, "apiserver.key"),
		AdminCert:   filepath.Join(dir, "admin.crt"),
		AdminKey:    filepath.Join(dir, "admin.key"),
		SAKey:       filepath.Join(dir, "sa.key"),
		SAPub:       filepath.Join(dir, "sa.pub"),
	}
	now := time.Now().Add(-time.Minute) // tolerate small clock differences between processes

	caKey, err := newECKey()
	if err != nil {
		return Files{}, Material{}, err
	}
	caTmpl := &x509.Certificate{
		Subject:               pkix.Name{CommonName: "kro-designer-cluster-ca"},
		NotBefore:             now,
		NotAfter:              now.Add(validity),
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature | x509.KeyUsageCRLSign,
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	caDER, caCert, err := sign(caTmpl, caTmpl, &caKey.PublicKey, caKey)
	if err != nil {
		return Files{}, Material{}, fmt.Errorf("CA certificate: %w", err)
	}

	servingKey, err := newECKey()
	if err != nil {
		return Files{}, Material{}, err
	}
	servingDER, _, err := sign(&x509.Certificate{
		Subject:     pkix.Name{CommonName: "kube-apiserver"},
		NotBefore:   now,
		NotAfter:    now.Add(validity),
		KeyUsage:    x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		DNSNames:    []string{"localhost", "kubernetes", "kubernetes.default", "kubernetes.default.svc"},
		// 10.0.0.1 is the "kubernetes" Service IP in the service range the
		// harness configures; loopback is what clients actually dial.
		IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1), net.IPv6loopback, net.IPv4(10, 0, 0, 1)},
	}, caCert, &servingKey.PublicKey, caKey)
	if err != nil {
		return Files{}, Material{}, fmt.Errorf("serving certificate: %w", err)
	}

	adminKey, err := newECKey()
	if err != nil {
		return Files{}, Material{}, err
	}
	adminDER, _, err := sign(&x509.Certificate{
		Subject:     pkix.Name{CommonName: AdminUser, Organization: []string{AdminGroup}},
		NotBefore:   now,
		NotAfter:    now.Add(validity),
		KeyUsage:    x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth},
	}, caCert, &adminKey.PublicKey, caKey)
	if err != nil {
		return Files{}, Material{}, fmt.Errorf("admin certificate: %w", err)
	}

	// RSA because every kube-apiserver version accepts RS256 service-account
	// keys; the key is only used if something requests a token.
	saKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return Files{}, Material{}, fmt.Errorf("service-account key: %w", err)
	}

	m := Material{
		CACertPEM:    certPEM(caDER),
		AdminCertPEM: certPEM(adminDER),
	}
	if m.AdminKeyPEM, err = keyPEM(adminKey); err != nil {
		return Files{}, Material{}, err
	}
	servingKeyPEM, err := keyPEM(servingKey)
	if err != nil {
		return Files{}, Material{}, err
	}
	saKeyPEM, err := keyPEM(saKey)
	if err != nil {
		return Files{}, Material{}, err
	}
	saPubDER, err := x509.MarshalPKIXPublicKey(&saKey.PublicKey)
	if err != nil {
		return Files{}, Material{}, fmt.Errorf("encode service-account public key: %w", err)
	}
	for path, data := range map[string][]byte{
		f.CACert:      m.CACertPEM,
		f.ServingCert: certPEM(servingDER),
		f.ServingKey:  servingKeyPEM,
		f.AdminCert:   m.AdminCertPEM,
		f.AdminKey:    m.AdminKeyPEM,
		f.SAKey:       saKeyPEM,
		f.SAPub:       pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: saPubDER}),
	} {
		if err := os.WriteFile(path, data, 0o600); err != nil {
			return Files{}, Material{}, fmt.Errorf("write %s: %w", path, err)
		}
	}
	return f, m, nil
}

func newECKey() (*ecdsa.PrivateKey, error) {
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("generate key: %w", err)
	}
	return k, nil
}

func sign(tmpl, parent *x509.Certificate, pub crypto.PublicKey, signer crypto.Signer) ([]byte, *x509.Certificate, error) {
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 62))
	if err != nil {
		return nil, nil, err
	}
	tmpl.SerialNumber = serial
	der, err := x509.CreateCertificate(rand.Reader, tmpl, parent, pub, signer)
	if err != nil {
		return nil, nil, err
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, nil, err
	}
	return der, cert, nil
}

func certPEM(der []byte) []byte {
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
}

func keyPEM(key crypto.PrivateKey) ([]byte, error) {
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return nil, fmt.Errorf("encode key: %w", err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}), nil
}
