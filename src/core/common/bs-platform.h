/* bs-platform.h — the one place that talks to the operating system directly.
 *
 * Everything POSIX- or Windows-specific (terminal echo, fsync, no-replace
 * rename, file descriptors) lives behind these calls so that the rest of
 * the core builds unchanged on Linux, Windows (MSYS2) and macOS.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

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

/* Creates a new, empty, private (0600) temporary file ".besign-XXXXXX.part"
 * in @dir; returns its fd and the path in @path_out (transfer full). The
 * file counts as live (see below) until the fd is closed. */
int      bs_platform_create_temp    (const char *dir, char **path_out, GError **error);
/* Removes the temporaries of bs_platform_create_temp() in @dir that no
 * process has open any more (a killed run's leftovers): regular files of
 * this user with exactly that name pattern and no lock held. Returns how
 * many were removed. */
guint    bs_platform_remove_stale_temps (const char *dir);
gboolean bs_platform_write_all      (int fd, const void *data, gsize len, GError **error);
gssize   bs_platform_read           (int fd, void *buf, gsize len, GError **error);
/* Reads up to @len bytes at @offset without moving the file position. */
gssize   bs_platform_pread          (int fd, void *buf, gsize len, guint64 offset,
                                     GError **error);
gboolean bs_platform_pwrite_all     (int fd, const void *data, gsize len, guint64 offset,
                                     GError **error);
gboolean bs_platform_sync           (int fd, GError **error);
void     bs_platform_close          (int fd);
/* Opens a regular file for reading; anything else (FIFO, device, folder)
 * is refused at once, without blocking in open(). */
int      bs_platform_open_read      (const char *path, GError **error);
gboolean bs_platform_file_size      (int fd, guint64 *size, GError **error);
/* A name that opens the very file @fd has open (@path when the system
 * has none, where an open file cannot be replaced) (transfer full). */
char    *bs_platform_fd_path        (int fd, const char *path);

/* What changes when a file is written to in place. */
typedef struct {
  guint64 size;
  gint64  mtime_ns;
} BsFileStamp;

gboolean bs_platform_file_stamp     (int fd, BsFileStamp *stamp, GError **error);

/* Renames @from to @to unless @to exists: returns FALSE with
 * G_IO_ERROR_EXISTS then, so the caller can pick another name. *@open_fd,
 * the file's descriptor or NULL, stays open where that is allowed (it keeps
 * a temporary live until it has its name); elsewhere it is closed and set
 * to -1. */
gboolean bs_platform_rename_noreplace (const char *from, const char *to, int *open_fd, GError **error);

/* SIGINT, SIGTERM and SIGHUP (Ctrl-C and closing the console on Windows)
 * cancel @cancellable instead of ending the process; a second signal ends
 * it. */
typedef struct _BsSignalWatch BsSignalWatch;

BsSignalWatch *bs_platform_watch_signals  (GCancellable *cancellable);
/* The signal that cancelled, or 0. */
int            bs_signal_watch_get_signal (BsSignalWatch *watch);
void           bs_signal_watch_free       (BsSignalWatch *watch);

/* The user's home directory, for the default output folder. */
const char *bs_platform_home_dir    (void);

G_END_DECLS
