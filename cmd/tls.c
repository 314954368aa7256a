/*
 * libgit2 1.5 as Debian builds it (with mbedTLS) reads and parses the
 * whole CA bundle, /etc/ssl/certs/ca-certificates.crt, as it starts
 * (git_libgit2_init(): 5-7 ms of every command, the most of `acct client
 * show` after loading the libraries), for HTTPS remotes that acct never
 * reaches through libgit2: sync runs the system's git. No option of
 * libgit2 1.5 skips it (GIT_OPT_SET_SSL_CERT_LOCATIONS only loads more,
 * after the start).
 *
 * So the program defines the two functions libgit2 loads certificates
 * with, and the dynamic linker binds libgit2's calls to these before
 * mbedTLS's own (the executable comes first in the lookup): they parse
 * nothing and say that every certificate parsed. Were acct ever to open
 * a TLS connection through libgit2, it would trust no certificate: it
 * fails closed. tests/t/t0001-basic.sh checks the binding (LD_DEBUG).
 * Only the program does this, not lib/: the unit tests and anything
 * else linking libacct.a keep libgit2 as it is.
 */
#include <stddef.h>

struct mbedtls_x509_crt;

int mbedtls_x509_crt_parse_file(struct mbedtls_x509_crt *chain,
				const char *path);
int mbedtls_x509_crt_parse_path(struct mbedtls_x509_crt *chain,
				const char *path);

int mbedtls_x509_crt_parse_file(struct mbedtls_x509_crt *chain,
				const char *path)
{
	(void)chain;
	(void)path;
	return 0;
}

int mbedtls_x509_crt_parse_path(struct mbedtls_x509_crt *chain,
				const char *path)
{
	(void)chain;
	(void)path;
	return 0;
}
