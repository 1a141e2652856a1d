// A bounded blocking queue between the reading thread and a shard's writer.
#pragma once

#include <condition_variable>
#include <deque>
#include <mutex>

namespace newsdesk::index {

// Thread-safe. push() blocks while the queue is full, pop() while empty;
// the bound keeps memory flat however large the input.
template <typename T>
class TaskQueue {
 public:
  explicit TaskQueue(std::size_t capacity) : capacity_(capacity) {}

  void push(T task) {
    std::unique_lock lock(mutex_);
    not_full_.wait(lock, [&] { return tasks_.size() < capacity_; });
    tasks_.push_back(std::move(task));
    not_empty_.notify_one();
  }

  T pop() {
    std::unique_lock lock(mutex_);
    not_empty_.wait(lock, [&] { return !tasks_.empty(); });
    T task = std::move(tasks_.front());
    tasks_.pop_front();
    not_full_.notify_one();
    return task;
  }

 private:
  const std::size_t capacity_;
  std::mutex mutex_;
  std::condition_variable not_full_, not_empty_;
  std::deque<T> tasks_;
};

}  // namespace newsdesk::index
