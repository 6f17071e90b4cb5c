package dev.awsmfa.files;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.ProviderMismatchException;
import java.nio.file.StandardOpenOption;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.spi.FileSystemProvider;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A file system that behaves like the one it wraps, except that chosen operations fail on demand.
 *
 * <p>{@link AtomicFile} promises that a failed write, flush or rename leaves the original file
 * byte-identical and no temporary file behind. A real disk cannot be made to fail at exactly the
 * write, the flush or the rename, and an in-memory file system (jimfs) never fails by itself, so
 * tests wrap one in this class and arm a fault with {@link #failNext} or {@link #failAlways}.
 *
 * <p>It has its own provider and its own paths because {@link Files} dispatches on
 * {@code path.getFileSystem().provider()}: the code under test gets paths of this file system and
 * so cannot reach the wrapped one except through the checks here. Every channel it opens is
 * wrapped too, since writes and flushes happen on the channel, not on the provider.
 *
 * <p>{@link #log()} records the mutating operations in the order they were attempted, so a test
 * can also assert the order of steps, such as the directory being flushed after the rename.
 *
 * <p>Reads are never faulted. Memory-mapped buffers, attribute views and watch services are not
 * intercepted; {@link AtomicFile} uses none of them for writing.
 */
public final class FaultyFileSystem extends FileSystem {
  /** The operations that can be made to fail. */
  public enum Operation {
    /** Any write through a channel, including positional writes, transfers into it, truncation. */
    WRITE,
    /** Flushing a channel on a regular file. */
    FORCE,
    /** Renaming or moving a file. */
    MOVE,
    /** Flushing a channel on a directory, which makes a rename in it durable. */
    DIRECTORY_FORCE,
    /** Opening a file in a way that creates it, before anything is created. */
    CREATE;

    private String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The exception an armed fault throws, so a test can tell it from a genuine failure. */
  public static final class InjectedFault extends IOException {
    private static final long serialVersionUID = 1L;

    private final Operation operation;

    InjectedFault(Operation operation) {
      super("injected fault: " + operation.label());
      this.operation = operation;
    }

    public Operation operation() {
      return operation;
    }
  }

  /** Keeps a long-running test from growing the log without limit; the oldest entries go. */
  private static final int MAX_LOG = 10_000;

  private final FileSystem delegate;
  private final Provider provider = new Provider();

  private final Object faultLock = new Object();
  private final EnumSet<Operation> always = EnumSet.noneOf(Operation.class);
  private final EnumMap<Operation, Integer> pending = new EnumMap<>(Operation.class);
  private final EnumMap<Operation, Integer> skipping = new EnumMap<>(Operation.class);
  private final EnumMap<Operation, java.util.Map.Entry<Integer, Intrusion>> intrusions =
      new EnumMap<>(Operation.class);
  private final Deque<String> log = new ArrayDeque<>();

  private FaultyFileSystem(FileSystem delegate) {
    this.delegate = delegate;
  }

  /** A file system over {@code delegate}, with no fault armed. */
  public static FaultyFileSystem wrap(FileSystem delegate) {
    return new FaultyFileSystem(Objects.requireNonNull(delegate, "delegate"));
  }

  /**
   * Makes the next {@code op} fail. Each call arms one more failure, so two calls fail the next
   * two.
   */
  public void failNext(Operation op) {
    Objects.requireNonNull(op, "op");
    synchronized (faultLock) {
      pending.merge(op, 1, Integer::sum);
    }
  }

  /** Lets the next {@code skip} operations {@code op} pass, then makes the one after fail. */
  public void failAfter(Operation op, int skip) {
    Objects.requireNonNull(op, "op");
    synchronized (faultLock) {
      skipping.put(op, skip);
    }
  }

  /** Something a test does on the file system at a chosen moment, as another program would. */
  @FunctionalInterface
  public interface Intrusion {
    /** Does it. */
    void run() throws IOException;
  }

  /**
   * Runs {@code intrusion} just before each of the next {@code times} operations {@code op}, which
   * then go ahead: another program writing at the worst moment.
   */
  public void beforeNext(Operation op, int times, Intrusion intrusion) {
    Objects.requireNonNull(op, "op");
    synchronized (faultLock) {
      intrusions.put(op, new java.util.AbstractMap.SimpleEntry<>(times, intrusion));
    }
  }

  /** Makes every {@code op} fail until {@link #heal()}. */
  public void failAlways(Operation op) {
    Objects.requireNonNull(op, "op");
    synchronized (faultLock) {
      always.add(op);
    }
  }

  /** Disarms every fault. */
  public void heal() {
    synchronized (faultLock) {
      always.clear();
      pending.clear();
      skipping.clear();
      intrusions.clear();
    }
  }

  /**
   * The mutating operations attempted so far, oldest first, such as {@code "create /a/x.tmp"},
   * {@code "write /a/x.tmp"}, {@code "force /a/x.tmp"}, {@code "move /a/x.tmp -> /a/x"} and
   * {@code "dirforce /a"}. An operation that an armed fault stopped is prefixed with
   * {@code "injected "}. Paths are absolute paths of the wrapped file system.
   */
  public List<String> log() {
    synchronized (log) {
      return List.copyOf(log);
    }
  }

  /** Forgets the operations recorded so far. */
  public void clearLog() {
    synchronized (log) {
      log.clear();
    }
  }

  private void record(String entry) {
    synchronized (log) {
      if (log.size() == MAX_LOG) {
        log.removeFirst();
      }
      log.addLast(entry);
    }
  }

  /** Records {@code entry}, or throws if a fault on {@code op} is armed. */
  private void attempt(Operation op, String entry) throws IOException {
    Intrusion intrusion = null;
    synchronized (faultLock) {
      java.util.Map.Entry<Integer, Intrusion> next = intrusions.get(op);
      if (next != null) {
        intrusion = next.getValue();
        if (next.getKey() <= 1) {
          intrusions.remove(op);
        } else {
          intrusions.put(op, new java.util.AbstractMap.SimpleEntry<>(next.getKey() - 1,
              intrusion));
        }
      }
    }
    if (intrusion != null) {
      intrusion.run();
    }
    if (consumeFault(op)) {
      record("injected " + entry);
      throw new InjectedFault(op);
    }
    record(entry);
  }

  private boolean consumeFault(Operation op) {
    synchronized (faultLock) {
      if (always.contains(op)) {
        return true;
      }
      Integer skip = skipping.get(op);
      if (skip != null) {
        if (skip == 0) {
          skipping.remove(op);
          return true;
        }
        skipping.put(op, skip - 1);
      }
      Integer count = pending.get(op);
      if (count == null) {
        return false;
      }
      if (count == 1) {
        pending.remove(op);
      } else {
        pending.put(op, count - 1);
      }
      return true;
    }
  }

  private static String show(Path raw) {
    return raw.toAbsolutePath().toString();
  }

  // ---------------------------------------------------------------------------------------------
  // FileSystem

  @Override
  public FileSystemProvider provider() {
    return provider;
  }

  @Override
  public void close() throws IOException {
    delegate.close();
  }

  @Override
  public boolean isOpen() {
    return delegate.isOpen();
  }

  @Override
  public boolean isReadOnly() {
    return delegate.isReadOnly();
  }

  @Override
  public String getSeparator() {
    return delegate.getSeparator();
  }

  @Override
  public Iterable<Path> getRootDirectories() {
    List<Path> roots = new ArrayList<>();
    for (Path root : delegate.getRootDirectories()) {
      roots.add(wrapPath(root));
    }
    return roots;
  }

  @Override
  public Iterable<FileStore> getFileStores() {
    return delegate.getFileStores();
  }

  @Override
  public Set<String> supportedFileAttributeViews() {
    return delegate.supportedFileAttributeViews();
  }

  @Override
  public Path getPath(String first, String... more) {
    return wrapPath(delegate.getPath(first, more));
  }

  @Override
  public PathMatcher getPathMatcher(String syntaxAndPattern) {
    PathMatcher matcher = delegate.getPathMatcher(syntaxAndPattern);
    // The wrapped matcher may inspect its own kind of path, so it gets the unwrapped one.
    return path -> matcher.matches(
        path instanceof FaultyPath faulty && faulty.fs == this ? faulty.raw : path);
  }

  @Override
  public UserPrincipalLookupService getUserPrincipalLookupService() {
    return delegate.getUserPrincipalLookupService();
  }

  /**
   * Not supported: events would name paths of the wrapped file system, which the code under test
   * could then use to bypass the faults.
   */
  @Override
  public WatchService newWatchService() {
    throw new UnsupportedOperationException("FaultyFileSystem does not watch");
  }

  @Override
  public String toString() {
    return "FaultyFileSystem[" + delegate + "]";
  }

  private Path wrapPath(Path raw) {
    return raw == null ? null : new FaultyPath(this, raw);
  }

  private Path unwrap(Path path) {
    Objects.requireNonNull(path, "path");
    if (path instanceof FaultyPath faulty && faulty.fs == this) {
      return faulty.raw;
    }
    throw new ProviderMismatchException("not a path of " + this + ": " + path);
  }

  // ---------------------------------------------------------------------------------------------
  // Paths

  /** A path of the wrapped file system, presented as one of this file system. */
  private static final class FaultyPath implements Path {
    private final FaultyFileSystem fs;
    private final Path raw;

    FaultyPath(FaultyFileSystem fs, Path raw) {
      this.fs = fs;
      this.raw = raw;
    }

    private Path wrap(Path p) {
      return fs.wrapPath(p);
    }

    private boolean isOurs(Path other) {
      return other instanceof FaultyPath faulty && faulty.fs == fs;
    }

    @Override
    public FileSystem getFileSystem() {
      return fs;
    }

    @Override
    public boolean isAbsolute() {
      return raw.isAbsolute();
    }

    @Override
    public Path getRoot() {
      return wrap(raw.getRoot());
    }

    @Override
    public Path getFileName() {
      return wrap(raw.getFileName());
    }

    @Override
    public Path getParent() {
      return wrap(raw.getParent());
    }

    @Override
    public int getNameCount() {
      return raw.getNameCount();
    }

    @Override
    public Path getName(int index) {
      return wrap(raw.getName(index));
    }

    @Override
    public Path subpath(int beginIndex, int endIndex) {
      return wrap(raw.subpath(beginIndex, endIndex));
    }

    @Override
    public boolean startsWith(Path other) {
      // As the contract says: a path of another file system is never a prefix.
      return isOurs(other) && raw.startsWith(((FaultyPath) other).raw);
    }

    @Override
    public boolean startsWith(String other) {
      return raw.startsWith(other);
    }

    @Override
    public boolean endsWith(Path other) {
      return isOurs(other) && raw.endsWith(((FaultyPath) other).raw);
    }

    @Override
    public boolean endsWith(String other) {
      return raw.endsWith(other);
    }

    @Override
    public Path normalize() {
      return wrap(raw.normalize());
    }

    @Override
    public Path resolve(Path other) {
      return wrap(raw.resolve(fs.unwrap(other)));
    }

    @Override
    public Path resolve(String other) {
      return wrap(raw.resolve(other));
    }

    @Override
    public Path resolveSibling(Path other) {
      return wrap(raw.resolveSibling(fs.unwrap(other)));
    }

    @Override
    public Path resolveSibling(String other) {
      return wrap(raw.resolveSibling(other));
    }

    @Override
    public Path relativize(Path other) {
      return wrap(raw.relativize(fs.unwrap(other)));
    }

    /** An opaque URI that {@link FileSystemProvider#getPath(URI)} of this file system accepts. */
    @Override
    public URI toUri() {
      return URI.create(fs.provider.getScheme() + ":" + raw.toUri());
    }

    @Override
    public Path toAbsolutePath() {
      return wrap(raw.toAbsolutePath());
    }

    @Override
    public Path toRealPath(LinkOption... options) throws IOException {
      return wrap(raw.toRealPath(options));
    }

    @Override
    public java.io.File toFile() {
      throw new UnsupportedOperationException("not a path of the default file system");
    }

    @Override
    public WatchKey register(WatchService watcher, WatchEvent.Kind<?>[] events,
        WatchEvent.Modifier... modifiers) {
      throw new UnsupportedOperationException("FaultyFileSystem does not watch");
    }

    @Override
    public WatchKey register(WatchService watcher, WatchEvent.Kind<?>... events) {
      throw new UnsupportedOperationException("FaultyFileSystem does not watch");
    }

    @Override
    public Iterator<Path> iterator() {
      Iterator<Path> names = raw.iterator();
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return names.hasNext();
        }

        @Override
        public Path next() {
          return wrap(names.next());
        }
      };
    }

    @Override
    public int compareTo(Path other) {
      // A foreign path is a ClassCastException, as Path.compareTo allows.
      return raw.compareTo(((FaultyPath) other).raw);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof FaultyPath faulty && raw.equals(faulty.raw);
    }

    @Override
    public int hashCode() {
      return raw.hashCode();
    }

    @Override
    public String toString() {
      return raw.toString();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Provider

  /** One per file system, so that there is no shared state between tests. */
  private final class Provider extends FileSystemProvider {
    private FileSystemProvider wrapped() {
      return delegate.provider();
    }

    @Override
    public String getScheme() {
      return "faulty";
    }

    /** Not supported: a faulty file system is made with {@link FaultyFileSystem#wrap}. */
    @Override
    public FileSystem newFileSystem(URI uri, Map<String, ?> env) {
      throw new UnsupportedOperationException("use FaultyFileSystem.wrap");
    }

    @Override
    public FileSystem getFileSystem(URI uri) {
      checkScheme(uri);
      return FaultyFileSystem.this;
    }

    @Override
    public Path getPath(URI uri) {
      checkScheme(uri);
      URI inner;
      try {
        inner = new URI(uri.toString().substring(getScheme().length() + 1));
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("not a URI of this file system: " + uri, e);
      }
      // Through the installed providers: jimfs refuses getPath(URI) on its own provider.
      Path path = Path.of(inner);
      if (path.getFileSystem() != delegate) {
        throw new FileSystemNotFoundException("not a URI of this file system: " + uri);
      }
      return wrapPath(path);
    }

    private void checkScheme(URI uri) {
      if (!getScheme().equalsIgnoreCase(uri.getScheme())) {
        throw new IllegalArgumentException("not a " + getScheme() + " URI: " + uri);
      }
    }

    @Override
    public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options,
        FileAttribute<?>... attrs) throws IOException {
      Path file = unwrap(path);
      checkCreate(file, options);
      boolean directory = Files.isDirectory(file, linkOptions(options));
      SeekableByteChannel channel = wrapped().newByteChannel(file, options, attrs);
      // Jimfs hands out FileChannels here; keep that visible to callers that cast.
      if (channel instanceof FileChannel fileChannel) {
        return new FaultyFileChannel(fileChannel, file, directory);
      }
      return new FaultyByteChannel(channel, file);
    }

    @Override
    public FileChannel newFileChannel(Path path, Set<? extends OpenOption> options,
        FileAttribute<?>... attrs) throws IOException {
      Path file = unwrap(path);
      checkCreate(file, options);
      boolean directory = Files.isDirectory(file, linkOptions(options));
      FileChannel channel;
      try {
        channel = wrapped().newFileChannel(file, options, attrs);
      } catch (IOException | UnsupportedOperationException e) {
        // Jimfs refuses a channel on a directory, which Linux allows and AtomicFile needs in
        // order to flush a rename; without this the DIRECTORY_FORCE fault could not be reached.
        if (directory && readOnly(options) && attrs.length == 0) {
          return new DirectoryChannel(file);
        }
        throw e;
      }
      return new FaultyFileChannel(channel, file, directory);
    }

    /** Fails before the wrapped file system is touched, so that a CREATE fault leaves no file. */
    private void checkCreate(Path file, Set<? extends OpenOption> options) throws IOException {
      boolean writes =
          options.contains(StandardOpenOption.WRITE) || options.contains(StandardOpenOption.APPEND);
      if (!writes) {
        return; // Both create options are ignored when a file is only read.
      }
      boolean creates;
      if (options.contains(StandardOpenOption.CREATE_NEW)) {
        creates = !Files.exists(file, LinkOption.NOFOLLOW_LINKS);
      } else if (options.contains(StandardOpenOption.CREATE)) {
        creates = !Files.exists(file, linkOptions(options));
      } else {
        creates = false;
      }
      if (creates) {
        attempt(Operation.CREATE, "create " + show(file));
      }
    }

    private LinkOption[] linkOptions(Set<? extends OpenOption> options) {
      return options.contains(LinkOption.NOFOLLOW_LINKS)
          ? new LinkOption[] {LinkOption.NOFOLLOW_LINKS}
          : new LinkOption[0];
    }

    private boolean readOnly(Set<? extends OpenOption> options) {
      for (OpenOption option : options) {
        if (option != StandardOpenOption.READ
            && option != LinkOption.NOFOLLOW_LINKS
            && option != StandardOpenOption.SYNC
            && option != StandardOpenOption.DSYNC) {
          return false;
        }
      }
      return true;
    }

    @Override
    public DirectoryStream<Path> newDirectoryStream(Path dir,
        DirectoryStream.Filter<? super Path> filter) throws IOException {
      Objects.requireNonNull(filter, "filter");
      // Deliberately a plain stream even if the wrapped one is a SecureDirectoryStream: its
      // methods would open and move files without passing through the faults.
      DirectoryStream<Path> entries =
          wrapped().newDirectoryStream(unwrap(dir), entry -> filter.accept(wrapPath(entry)));
      return new DirectoryStream<>() {
        @Override
        public Iterator<Path> iterator() {
          Iterator<Path> raw = entries.iterator();
          return new Iterator<>() {
            @Override
            public boolean hasNext() {
              return raw.hasNext();
            }

            @Override
            public Path next() {
              return wrapPath(raw.next());
            }
          };
        }

        @Override
        public void close() throws IOException {
          entries.close();
        }
      };
    }

    @Override
    public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
      Path raw = unwrap(dir);
      record("mkdir " + show(raw));
      wrapped().createDirectory(raw, attrs);
    }

    @Override
    public void createSymbolicLink(Path link, Path target, FileAttribute<?>... attrs)
        throws IOException {
      Path rawLink = unwrap(link);
      Path rawTarget = unwrap(target);
      record("symlink " + show(rawLink) + " -> " + rawTarget);
      wrapped().createSymbolicLink(rawLink, rawTarget, attrs);
    }

    @Override
    public void createLink(Path link, Path existing) throws IOException {
      Path rawLink = unwrap(link);
      Path rawExisting = unwrap(existing);
      record("link " + show(rawLink) + " -> " + show(rawExisting));
      wrapped().createLink(rawLink, rawExisting);
    }

    @Override
    public void delete(Path path) throws IOException {
      Path raw = unwrap(path);
      record("delete " + show(raw));
      wrapped().delete(raw);
    }

    @Override
    public boolean deleteIfExists(Path path) throws IOException {
      Path raw = unwrap(path);
      record("delete " + show(raw));
      return wrapped().deleteIfExists(raw);
    }

    @Override
    public Path readSymbolicLink(Path link) throws IOException {
      return wrapPath(wrapped().readSymbolicLink(unwrap(link)));
    }

    @Override
    public void copy(Path source, Path target, CopyOption... options) throws IOException {
      Path rawSource = unwrap(source);
      Path rawTarget = unwrap(target);
      record("copy " + show(rawSource) + " -> " + show(rawTarget));
      wrapped().copy(rawSource, rawTarget, options);
    }

    @Override
    public void move(Path source, Path target, CopyOption... options) throws IOException {
      Path rawSource = unwrap(source);
      Path rawTarget = unwrap(target);
      attempt(Operation.MOVE, "move " + show(rawSource) + " -> " + show(rawTarget));
      wrapped().move(rawSource, rawTarget, options);
    }

    @Override
    public boolean isSameFile(Path path, Path path2) throws IOException {
      Path raw = unwrap(path);
      if (!(path2 instanceof FaultyPath other) || other.fs != FaultyFileSystem.this) {
        Objects.requireNonNull(path2, "path2");
        return false; // A file of another file system is never the same file.
      }
      return wrapped().isSameFile(raw, other.raw);
    }

    @Override
    public boolean isHidden(Path path) throws IOException {
      return wrapped().isHidden(unwrap(path));
    }

    @Override
    public FileStore getFileStore(Path path) throws IOException {
      return wrapped().getFileStore(unwrap(path));
    }

    @Override
    public void checkAccess(Path path, AccessMode... modes) throws IOException {
      wrapped().checkAccess(unwrap(path), modes);
    }

    @Override
    public <V extends FileAttributeView> V getFileAttributeView(Path path, Class<V> type,
        LinkOption... options) {
      return wrapped().getFileAttributeView(unwrap(path), type, options);
    }

    @Override
    public <A extends BasicFileAttributes> A readAttributes(Path path, Class<A> type,
        LinkOption... options) throws IOException {
      return wrapped().readAttributes(unwrap(path), type, options);
    }

    @Override
    public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options)
        throws IOException {
      return wrapped().readAttributes(unwrap(path), attributes, options);
    }

    @Override
    public void setAttribute(Path path, String attribute, Object value, LinkOption... options)
        throws IOException {
      Path raw = unwrap(path);
      record("setattr " + show(raw) + " " + attribute);
      wrapped().setAttribute(raw, attribute, value, options);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Channels

  /** A channel of the wrapped file system whose writes and flushes pass the faults first. */
  private final class FaultyFileChannel extends FileChannel {
    private final FileChannel channel;
    private final Path file;
    /** A flush of a directory makes renames durable, so it has its own fault. */
    private final boolean directory;

    FaultyFileChannel(FileChannel channel, Path file, boolean directory) {
      this.channel = channel;
      this.file = file;
      this.directory = directory;
    }

    private void beforeWrite(String what) throws IOException {
      attempt(Operation.WRITE, what + " " + show(file));
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
      return channel.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
      return channel.read(dsts, offset, length);
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
      return channel.read(dst, position);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
      beforeWrite("write");
      return channel.write(src);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
      beforeWrite("write");
      return channel.write(srcs, offset, length);
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
      beforeWrite("write");
      return channel.write(src, position);
    }

    @Override
    public long position() throws IOException {
      return channel.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
      channel.position(newPosition);
      return this;
    }

    @Override
    public long size() throws IOException {
      return channel.size();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
      beforeWrite("truncate");
      channel.truncate(size);
      return this;
    }

    @Override
    public void force(boolean metaData) throws IOException {
      if (directory) {
        attempt(Operation.DIRECTORY_FORCE, "dirforce " + show(file));
      } else {
        attempt(Operation.FORCE, "force " + show(file));
      }
      channel.force(metaData);
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target)
        throws IOException {
      return channel.transferTo(position, count, target);
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count)
        throws IOException {
      beforeWrite("write");
      return channel.transferFrom(src, position, count);
    }

    /** Not intercepted: writes to a mapped buffer would bypass the WRITE fault. */
    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
      return channel.map(mode, position, size);
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
      return wrapLock(channel.lock(position, size, shared));
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
      return wrapLock(channel.tryLock(position, size, shared));
    }

    /** The lock must name this channel, not the wrapped one, as FileLock.channel() promises. */
    private FileLock wrapLock(FileLock lock) {
      return lock == null ? null : new FaultyLock(this, lock);
    }

    @Override
    protected void implCloseChannel() throws IOException {
      channel.close();
    }
  }

  private static final class FaultyLock extends FileLock {
    private final FileLock lock;

    FaultyLock(FileChannel channel, FileLock lock) {
      super(channel, lock.position(), lock.size(), lock.isShared());
      this.lock = lock;
    }

    @Override
    public boolean isValid() {
      return lock.isValid();
    }

    @Override
    public void release() throws IOException {
      lock.release();
    }
  }

  /** For a wrapped file system whose byte channels are not FileChannels. */
  private final class FaultyByteChannel implements SeekableByteChannel {
    private final SeekableByteChannel channel;
    private final Path file;

    FaultyByteChannel(SeekableByteChannel channel, Path file) {
      this.channel = channel;
      this.file = file;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
      return channel.read(dst);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
      attempt(Operation.WRITE, "write " + show(file));
      return channel.write(src);
    }

    @Override
    public long position() throws IOException {
      return channel.position();
    }

    @Override
    public SeekableByteChannel position(long newPosition) throws IOException {
      channel.position(newPosition);
      return this;
    }

    @Override
    public long size() throws IOException {
      return channel.size();
    }

    @Override
    public SeekableByteChannel truncate(long size) throws IOException {
      attempt(Operation.WRITE, "truncate " + show(file));
      channel.truncate(size);
      return this;
    }

    @Override
    public boolean isOpen() {
      return channel.isOpen();
    }

    @Override
    public void close() throws IOException {
      channel.close();
    }
  }

  /**
   * Stands in for a read-only channel on a directory where the wrapped file system will not open
   * one, as on Linux, where such a channel exists only to be flushed. It reads as an empty file.
   */
  private final class DirectoryChannel extends FileChannel {
    private final Path dir;
    private long position;

    DirectoryChannel(Path dir) {
      this.dir = dir;
    }

    private void ensureOpen() throws IOException {
      if (!isOpen()) {
        throw new ClosedChannelException();
      }
    }

    private IOException notWritable() {
      return new FileSystemException(dir.toString(), null, "Is a directory, opened for reading");
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
      ensureOpen();
      return -1;
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
      Objects.checkFromIndexSize(offset, length, dsts.length);
      ensureOpen();
      return -1;
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
      if (position < 0) {
        throw new IllegalArgumentException("negative position");
      }
      ensureOpen();
      return -1;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
      ensureOpen();
      throw notWritable();
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
      ensureOpen();
      throw notWritable();
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
      ensureOpen();
      throw notWritable();
    }

    @Override
    public long position() throws IOException {
      ensureOpen();
      return position;
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
      if (newPosition < 0) {
        throw new IllegalArgumentException("negative position");
      }
      ensureOpen();
      position = newPosition;
      return this;
    }

    @Override
    public long size() throws IOException {
      ensureOpen();
      return 0;
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
      ensureOpen();
      throw notWritable();
    }

    @Override
    public void force(boolean metaData) throws IOException {
      ensureOpen();
      attempt(Operation.DIRECTORY_FORCE, "dirforce " + show(dir));
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target)
        throws IOException {
      ensureOpen();
      return 0;
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count)
        throws IOException {
      ensureOpen();
      throw notWritable();
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) {
      throw new UnsupportedOperationException("cannot map a directory");
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) {
      throw new UnsupportedOperationException("cannot lock a directory");
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) {
      throw new UnsupportedOperationException("cannot lock a directory");
    }

    @Override
    protected void implCloseChannel() {
      // Nothing was opened in the wrapped file system.
    }
  }
}
