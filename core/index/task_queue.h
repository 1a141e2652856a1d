// A bounded blocking queue between the reading thread and a shard's writer.
#pragma once

#include <condition_variable>
#include <deque>
#include <mutex>

namespace newsdesk::index {

// Thread-safe. push() blocks while the queue is full, pop() while empty;
// the bound keeps memory flat however large the input.
//
// A blocked producer is woken once half the queue is free, not at every
// pop: waking it for each free slot made producer and consumer hand over
// the core at every task (a futex call and two context switches each).
template <typename T>
class TaskQueue {
 public:
  explicit TaskQueue(std::size_t capacity)
      : capacity_(capacity < 1 ? 1 : capacity), resume_at_(capacity_ / 2) {}

  void push(T task) {
    std::unique_lock lock(mutex_);
    not_full_.wait(lock, [&] { return tasks_.size() < capacity_; });
    tasks_.push_back(std::move(task));
    not_empty_.notify_one();  // no system call when nobody waits
  }

  T pop() {
    std::unique_lock lock(mutex_);
    not_empty_.wait(lock, [&] { return !tasks_.empty(); });
    T task = std::move(tasks_.front());
    tasks_.pop_front();
    // Producers wait only while the queue is full, so the size passes
    // resume_at_ on its way down before any of them can be left waiting.
    if (tasks_.size() == resume_at_) not_full_.notify_all();
    return task;
  }

 private:
  const std::size_t capacity_;
  const std::size_t resume_at_;
  std::mutex mutex_;
  std::condition_variable not_full_, not_empty_;
  std::deque<T> tasks_;
};

}  // namespace newsdesk::index
