/* ds-tls.h — the development server's own TLS certificate.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A self-signed certificate for 127.0.0.1, ::1 and localhost, created once
 * in @data_dir (tls.crt, tls.key) (transfer full). */
GTlsCertificate *ds_tls_certificate (const char *data_dir, GError **error);

G_END_DECLS
