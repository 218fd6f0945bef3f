/* A power-loss recorder, loaded with LD_PRELOAD into the power-loss test's worker.
 *
 * It wraps fsync and fdatasync. When the descriptor is a file directly in the watched
 * directory ($ZPV_SYNC_WATCH), it copies the file's whole contents to
 * $ZPV_SYNC_LOG/file-<inode> before the real call; when it is the watched directory
 * itself, it writes the directory's name -> inode map to $ZPV_SYNC_LOG/dir. Each copy is
 * written to a temporary name and renamed, so a SIGKILL leaves the previous one. After
 * the kill, the test rebuilds the directory from these records alone: what a power cut
 * at that moment could leave, if the disk kept only what was synced.
 *
 * Every inode that appears in a record is kept alive by a hard link in the log directory
 * ($ZPV_SYNC_LOG/hold-<inode>), so that its number is not reused by a later file during
 * the round and the records stay unambiguous.
 *
 * Each intercepted call is also appended to $ZPV_SYNC_LOG/calls ("<call> <kind> <name>"),
 * so the test can see that the calls it relies on (SQLite's and the vault's) came here.
 * Other ways of syncing (syncfs, sync, sync_file_range) on the watched directory abort
 * the process: the model would be incomplete.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { NOT_WATCHED, THE_DIRECTORY, A_FILE };

static unsigned long serial;

static void fail(const char *what) {
    char message[PATH_MAX + 128];
    int length = snprintf(message, sizeof message, "sync shim: %s: %s\n", what, strerror(errno));
    if (length > 0) {
        ssize_t ignored = write(2, message, (size_t)length);
        (void)ignored;
    }
    abort();
}

static void format(char *out, size_t size, const char *pattern, ...) {
    va_list args;
    va_start(args, pattern);
    int length = vsnprintf(out, size, pattern, args);
    va_end(args);
    if (length < 0 || (size_t)length >= size) {
        errno = ENAMETOOLONG;
        fail(pattern);
    }
}

static void write_all(int fd, const char *data, size_t size) {
    while (size > 0) {
        ssize_t written = write(fd, data, size);
        if (written < 0) {
            if (errno == EINTR) continue;
            fail("write");
        }
        data += written;
        size -= (size_t)written;
    }
}

/* Which of the watched things `fd` is; its path (without " (deleted)") goes to `path`. */
static int classify(int fd, char *path) {
    const char *watch = getenv("ZPV_SYNC_WATCH");
    if (watch == NULL || getenv("ZPV_SYNC_LOG") == NULL) return NOT_WATCHED;
    char link[64];
    format(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t length = readlink(link, path, PATH_MAX - 1);
    if (length < 0) return NOT_WATCHED;
    path[length] = '\0';
    size_t prefix = strlen(watch);
    if (strncmp(path, watch, prefix) != 0) return NOT_WATCHED;
    if (path[prefix] == '\0') return THE_DIRECTORY;
    if (path[prefix] == '/' && strchr(path + prefix + 1, '/') == NULL) return A_FILE;
    return NOT_WATCHED;
}

static void temporary_name(char *out, size_t size, const char *log) {
    unsigned long n = __atomic_add_fetch(&serial, 1, __ATOMIC_SEQ_CST);
    format(out, size, "%s/.tmp-%ld-%lu", log, (long)getpid(), n);
}

static void hold(int directory_fd, const char *name, unsigned long inode, int flags) {
    char target[PATH_MAX];
    format(target, sizeof target, "%s/hold-%lu", getenv("ZPV_SYNC_LOG"), inode);
    if (linkat(directory_fd, name, AT_FDCWD, target, flags) != 0 && errno != EEXIST
        && errno != ENOENT)  /* ENOENT: already unlinked, it can be in no later record */
        fail("link");
}

static void record_call(const char *call, const char *kind, const char *path) {
    char line[PATH_MAX + 64], calls[PATH_MAX];
    const char *name = strrchr(path, '/');
    format(line, sizeof line, "%s %s %s\n", call, kind, name ? name + 1 : path);
    format(calls, sizeof calls, "%s/calls", getenv("ZPV_SYNC_LOG"));
    int fd = open(calls, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (fd < 0) fail("open calls");
    write_all(fd, line, strlen(line));  /* one write with O_APPEND: lines never interleave */
    close(fd);
}

static void copy_file(int fd, const char *path) {
    const char *log = getenv("ZPV_SYNC_LOG");
    struct stat st;
    if (fstat(fd, &st) != 0) fail("fstat");
    char source[64], temporary[PATH_MAX], final[PATH_MAX];
    format(source, sizeof source, "/proc/self/fd/%d", fd);
    temporary_name(temporary, sizeof temporary, log);
    format(final, sizeof final, "%s/file-%lu", log, (unsigned long)st.st_ino);
    /* Reopened for reading: the caller's descriptor may be write-only. */
    int in = open(source, O_RDONLY | O_CLOEXEC);
    if (in < 0) fail("reopen");
    int out = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (out < 0) fail("open copy");
    static __thread char buffer[1 << 16];
    off_t offset = 0;
    for (;;) {
        ssize_t got = pread(in, buffer, sizeof buffer, offset);
        if (got < 0) {
            if (errno == EINTR) continue;
            fail("pread");
        }
        if (got == 0) break;
        write_all(out, buffer, (size_t)got);
        offset += got;
    }
    close(in);
    close(out);
    if (rename(temporary, final) != 0) fail("rename copy");
    hold(AT_FDCWD, source, (unsigned long)st.st_ino, AT_SYMLINK_FOLLOW);
    (void)path;
}

static void copy_directory(const char *path) {
    const char *log = getenv("ZPV_SYNC_LOG");
    char temporary[PATH_MAX], final[PATH_MAX];
    temporary_name(temporary, sizeof temporary, log);
    format(final, sizeof final, "%s/dir", log);
    DIR *directory = opendir(path);
    if (directory == NULL) fail("opendir");
    int out = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (out < 0) fail("open map");
    struct dirent *entry;
    while ((entry = readdir(directory)) != NULL) {
        if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0) continue;
        struct stat st;
        if (fstatat(dirfd(directory), entry->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
            if (errno == ENOENT) continue;  /* removed while we listed: not in this map */
            fail("fstatat");
        }
        if (!S_ISREG(st.st_mode)) continue;
        char line[PATH_MAX + 32];
        format(line, sizeof line, "%lu %s\n", (unsigned long)st.st_ino, entry->d_name);
        write_all(out, line, strlen(line));
        hold(dirfd(directory), entry->d_name, (unsigned long)st.st_ino, 0);
    }
    closedir(directory);
    close(out);
    if (rename(temporary, final) != 0) fail("rename map");
}

static int intercept(int fd, const char *call) {
    int (*real)(int) = (int (*)(int))dlsym(RTLD_NEXT, call);
    if (real == NULL) fail("dlsym");
    char path[PATH_MAX];
    int saved = errno;
    switch (classify(fd, path)) {
    case THE_DIRECTORY:
        copy_directory(path);
        record_call(call, "directory", path);
        break;
    case A_FILE:
        copy_file(fd, path);
        record_call(call, "file", path);
        break;
    default:
        break;
    }
    errno = saved;
    return real(fd);
}

int fsync(int fd) { return intercept(fd, "fsync"); }

int fdatasync(int fd) { return intercept(fd, "fdatasync"); }

static void refuse_if_watching(const char *call) {
    if (getenv("ZPV_SYNC_WATCH") != NULL && getenv("ZPV_SYNC_LOG") != NULL) {
        errno = ENOSYS;
        fail(call);
    }
}

int syncfs(int fd) {
    refuse_if_watching("syncfs is not modelled");
    return ((int (*)(int))dlsym(RTLD_NEXT, "syncfs"))(fd);
}

void sync(void) {
    refuse_if_watching("sync is not modelled");
    ((void (*)(void))dlsym(RTLD_NEXT, "sync"))();
}

int sync_file_range(int fd, off_t offset, off_t nbytes, unsigned int flags) {
    refuse_if_watching("sync_file_range is not modelled");
    return ((int (*)(int, off_t, off_t, unsigned int))dlsym(RTLD_NEXT, "sync_file_range"))(
        fd, offset, nbytes, flags);
}
