/* bs-platform.h — the one place that talks to the operating system directly.
 *
 * Everything POSIX- or Windows-specific (terminal echo, fsync, no-replace
 * rename, file descriptors) lives behind these calls so that the rest of
 * the core builds unchanged on Linux, Windows (MSYS2) and macOS.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Process set-up, called first by the main() of every program (besign,
 * besign-cli, besign-devserver): writes past RLIMIT_FSIZE return EFBIG
 * instead of killing the process (SIGXFSZ), and no core dump is ever
 * written (bs_platform_forbid_core_dumps()). */
void     bs_platform_init_process   (void);
/* Secrets live in memory: a crash must not write them into a core file
 * (RLIMIT_CORE 0; on Linux also not dumpable, so no core_pattern pipe
 * and no ptrace by other processes of the user either). */
void     bs_platform_forbid_core_dumps (void);

gboolean bs_platform_read_password  (const char *prompt, char *buf, gsize size,
                                     GError **error);
gboolean bs_platform_stdin_is_tty   (void);

/* Creates a new, empty, private (0600) file in @dir; returns its fd and the
 * path in @path_out (transfer full). */
int      bs_platform_create_temp    (const char *dir, char **path_out, GError **error);
gboolean bs_platform_write_all      (int fd, const void *data, gsize len, GError **error);
gssize   bs_platform_read           (int fd, void *buf, gsize len, GError **error);
/* Reads up to @len bytes at @offset without moving the file position. */
gssize   bs_platform_pread          (int fd, void *buf, gsize len, guint64 offset,
                                     GError **error);
gboolean bs_platform_pwrite_all     (int fd, const void *data, gsize len, guint64 offset,
                                     GError **error);
gboolean bs_platform_sync_and_close (int fd, GError **error);
void     bs_platform_close          (int fd);
/* Opens a regular file for reading; anything else (FIFO, device, folder)
 * is refused at once, without blocking in open(). */
int      bs_platform_open_read      (const char *path, GError **error);
gboolean bs_platform_file_size      (int fd, guint64 *size, GError **error);
/* A name that opens the very file @fd has open (@path when the system
 * has none, where an open file cannot be replaced) (transfer full). */
char    *bs_platform_fd_path        (int fd, const char *path);

/* Renames @from to @to unless @to exists: returns FALSE with
 * G_IO_ERROR_EXISTS then, so the caller can pick another name. */
gboolean bs_platform_rename_noreplace (const char *from, const char *to, GError **error);

/* The user's home directory, for the default output folder. */
const char *bs_platform_home_dir    (void);

G_END_DECLS
