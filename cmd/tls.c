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
#include <errno.h>
#include <stddef.h>
#include <sys/random.h>
#include <sys/types.h>

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

/*
 * Of what is left of libgit2's start, seeding mbedTLS's random generator
 * was 1.1 M instructions of the 9.7 M of `acct client show` on the bench
 * book (callgrind). The seed's one slow source is HAVEGE, which times a
 * loop of memory accesses to gather entropy (mbedTLS 2.28 deprecates it;
 * 3.0 removed it). Its state is set up by mbedtls_havege_init and read by
 * mbedtls_havege_poll: here the poll takes the kernel's generator
 * instead, getrandom(2), and so the state needs no warming. The seed
 * still takes every other source mbedTLS polls, the kernel's among them.
 * (libssh2's start, which builds OpenSSL's tables, 1 M more, is left as
 * it is: without it LeakSanitizer's thread scan crashes in a run that
 * loads GMime, t6300, and the reason was not found.)
 */
struct mbedtls_havege_state;

void mbedtls_havege_init(struct mbedtls_havege_state *hs);
int mbedtls_havege_poll(void *data, unsigned char *output, size_t len,
			size_t *olen);

void mbedtls_havege_init(struct mbedtls_havege_state *hs)
{
	(void)hs;
}

int mbedtls_havege_poll(void *data, unsigned char *output, size_t len,
			size_t *olen)
{
	size_t got = 0;

	(void)data;
	while (got < len) {
		ssize_t n = getrandom(output + got, len - got, 0);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		got += (size_t)n;
	}
	*olen = got;
	/* MBEDTLS_ERR_ENTROPY_SOURCE_FAILED: the seed fails, not weakens */
	return got == len ? 0 : -0x003C;
}
