/* bs-trust-anchors.h — the certificates a verification trusts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <openssl/x509.h>

G_BEGIN_DECLS

/* Certificates from PEM or DER files, and from every file in folders,
 * among @paths (NULL-terminated, may be NULL); unreadable files are
 * skipped (transfer full). */
STACK_OF (X509) *bs_trust_anchors_load (const char * const *paths);

G_END_DECLS
