/* ds-status.c — status names, codes and messages.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ds-status.h"

static const struct {
  const char *status;
  int         code;
  const char *message;
} statuses[] = {
  { "ISSUE", 1111, "User sudah terdaftar dan memiliki sertifikat dengan status ISSUE" },
  { "NOT_REGISTERED", 2011, "User belum terdaftar" },
  { "NO_CERTIFICATE", 2021, "User sudah terdaftar tetapi belum memiliki sertifikat" },
  { "NEW", 2022, "User memiliki sertifikat yang belum diaktifkan" },
  { "WAITING_FOR_VERIFICATION", 2023, "Permohonan sertifikat user sedang diverifikasi" },
  { "RENEW", 2024, "Sertifikat user sedang diperbarui" },
  { "EXPIRED", 2025, "Sertifikat user sudah kedaluwarsa" },
  { "SUSPEND", 2026, "User terdaftar tetapi sedang ditangguhkan" },
  { "REVOKE", 2027, "Sertifikat user sudah dicabut" },
};

int
ds_status_code (const char *status)
{
  for (gsize i = 0; i < G_N_ELEMENTS (statuses); i++)
    if (g_strcmp0 (statuses[i].status, status) == 0)
      return statuses[i].code;
  return 2011;
}

const char *
ds_status_message (const char *status)
{
  for (gsize i = 0; i < G_N_ELEMENTS (statuses); i++)
    if (g_strcmp0 (statuses[i].status, status) == 0)
      return statuses[i].message;
  return statuses[1].message;
}
