/* bs-cert-info.h — a certificate described for people and for the BSrE
 * verify JSON (certificateDetails).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-verify.h"

#include <openssl/x509.h>

G_BEGIN_DECLS

BsCertInfo *bs_cert_info_new (X509 *cert);
/* The subject's common name, or the whole subject (transfer full). */
char       *bs_cert_info_common_name (X509 *cert);

G_END_DECLS
