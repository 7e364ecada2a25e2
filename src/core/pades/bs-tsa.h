/* bs-tsa.h — an RFC 3161 time-stamp over a SHA-256 digest, from a TSA
 * over HTTP (libcurl through bs-http).
 *
 * The reply is checked before it is used: status granted, the imprint and
 * the nonce of our request, and the token's signature with the TSA's own
 * certificate (its trust is the verifier's business, at verification).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Upper bound of a token with its TSA certificate chain: what a signature
 * reserves for its signature time-stamp. */
#define BS_TSA_TOKEN_ALLOWANCE 12288

/* The TimeStampToken (a CMS ContentInfo, DER) for @digest (transfer full). */
GBytes *bs_tsa_timestamp (const char *url, const guint8 digest[32], GCancellable *cancellable, GError **error);

G_END_DECLS
