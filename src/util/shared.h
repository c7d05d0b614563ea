// Shared<T>: a value that is never changed once made, held by every copy
// through one pointer.
//
// serve copies every record out of its cache on each rebuild, and the link
// stage makes a record of every recommendation in a review's list. Copying
// a record's fields and text deep cost about 300 MB and two thirds of a
// second at 10,000 recommendations; sharing them costs a pointer. A part of
// a shared value (a recommendation's entry in its review's list) can be
// shared too, kept alive by the whole.
//
// One holder may change a shared value in place: serve's patch of the build
// it serves (serve/preview_patch.h), which keeps pointers into its records'
// fields, changes their texts where they are, once no other build reads
// them and the cache has let go of them.
#ifndef SCRUTINEER_UTIL_SHARED_H_
#define SCRUTINEER_UTIL_SHARED_H_

#include <memory>
#include <utility>

namespace scrutineer {

template <typename T>
class Shared {
 public:
  /// An empty T (T{}), shared by every empty Shared<T>.
  Shared() = default;
  // Made as a T, not a const T, for MutableInPlace.
  explicit Shared(T value) : value_(std::make_shared<T>(std::move(value))) {}
  /// `part`, which lives inside what `whole` holds and as long as it does.
  template <typename Whole>
  Shared(const Shared<Whole>& whole, const T& part)
      : value_(whole.value_, &part) {}

  const T& operator*() const { return value_ != nullptr ? *value_ : Empty(); }
  const T* operator->() const { return &**this; }

  /// What this holds, to be changed in place: every holder sees the change.
  /// Only for a caller that knows who else holds it (see the file comment);
  /// null for an empty Shared, whose T is everyone's.
  T* MutableInPlace() const { return const_cast<T*>(value_.get()); }

 private:
  template <typename>
  friend class Shared;

  static const T& Empty() {
    static const T* const empty = new T();  // never destroyed: no exit order
    return *empty;
  }

  std::shared_ptr<const T> value_;
};

}  // namespace scrutineer

#endif  // SCRUTINEER_UTIL_SHARED_H_
