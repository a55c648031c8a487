// The skeleton of a live WebSocket that can be resumed (docs/api.md, "Resuming a stream"),
// shared by the customer's conversation stream (conversation_stream.cc) and the agent
// stream (agent_stream_api.cc). It owns what both do alike:
//   - the bus subscriptions, made before the snapshot is read so nothing published
//     meanwhile is lost (those events wait until start_locked());
//   - the replay from this node's ring after ?last_event_id=…, without sending a replayed
//     event's live copy again, or resync_required when the ring cannot give them;
//   - the event_id on every event (api/stream_resume.h) and the outbox of what was sent
//     before the handshake finished;
//   - the WebSocket callbacks: ping → pong, anything else unsupported_message.
// A stream (the subclass) decides what it sends: every bus event of its topics reaches
// its deliver_locked(), which filters it and calls send_event_locked() for the ones its
// client may see. Heartbeats and back-pressure are the WebSocket server's (net/).
//
// Bus callbacks hold the stream weakly; when the connection ends (or the handshake fails)
// the last owner lets go and the destructor unsubscribes everything.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "api/stream_resume.h"
#include "core/result.h"
#include "net/http.h"
#include "net/websocket.h"
#include "service/event_bus.h"

namespace aicc::api {

// The position after ?last_event_id= (none when it is absent or empty); kInvalidArgument
// for an id this kind of stream cannot have sent (see parse_event_id).
Result<std::optional<StreamPosition>> resume_position(const net::Request& req, bool with_seq);

class ResumableEventStream : public std::enable_shared_from_this<ResumableEventStream> {
 public:
  ResumableEventStream(EventBus& bus, std::string node);
  virtual ~ResumableEventStream();
  ResumableEventStream(const ResumableEventStream&) = delete;
  ResumableEventStream& operator=(const ResumableEventStream&) = delete;

  // The connection's callbacks: on_open sends what waited for the handshake, on_message
  // answers {"type":"ping"} with a pong and anything else with an unsupported_message
  // error saying `unsupported_message`, on_close ends the subscriptions.
  static net::WsCallbacks callbacks(std::shared_ptr<ResumableEventStream> stream,
                                    std::string unsupported_message);

  // Subscribes to `topics` and takes the bus's current number as the stream's start.
  // Call once, right after make_shared, before reading the snapshot.
  void subscribe(const std::vector<std::string>& topics);

  void open(std::shared_ptr<net::WsConnection> ws);
  // The connection is gone: no more events.
  void close();

 protected:
  // Everything below runs with mu_ held; subclasses guard their own state with it too.
  std::mutex mu_;

  // Sends `event` (a serialised JSON object) with its event_id, or keeps it until the
  // handshake finished.
  void send_locked(std::string event);
  // Sends a bus event; its number becomes the stream's position in later event ids.
  void send_event_locked(const BusEvent& ev);

  // Sends the events of `topics` after `from` from this node's ring through
  // deliver_locked(), and remembers them so their live copies are not sent again; false
  // when they cannot be replayed (another node's id, a restarted node, a gap older than
  // the ring).
  bool replay_locked(const StreamPosition& from, const std::vector<std::string>& topics);
  // Tells the client that events after `resume` may be missing and what to re-read.
  void send_resync_required_locked(const StreamPosition& resume, std::string_view message);
  // Ends the snapshot: the events that came meanwhile (but were not replayed) go through
  // deliver_locked(), later ones as they come.
  void start_locked();

  // Topics subscribed after subscribe(), e.g. the conversations an agent works on.
  void follow_locked(const std::string& topic);
  void unfollow_locked(const std::string& topic);
  bool follows_locked(const std::string& topic) const;

  const std::string& node() const { return node_; }
  // The bus's number when subscribe() ran: nothing after it can be missing from the ring.
  std::uint64_t start_number() const { return start_number_; }

 private:
  // One event of a subscribed topic, in bus order (replayed ones first).
  virtual void deliver_locked(const BusEvent& ev) = 0;
  // The seq part of event ids (-1: none; the conversation stream's delivered seq).
  virtual std::int64_t event_seq_locked() const { return -1; }

  void on_event(const BusEvent& ev);
  void unsubscribe_all_locked();

  EventBus& bus_;
  const std::string node_;
  std::map<std::string, std::uint64_t> subscriptions_;  // topic → the bus's id
  bool started_ = false;
  std::vector<BusEvent> early_;       // came before start_locked()
  std::set<std::uint64_t> replayed_;  // sent during the replay
  std::uint64_t start_number_ = 0, last_number_ = 0;
  std::weak_ptr<net::WsConnection> ws_;
  std::vector<std::string> outbox_;
};

}  // namespace aicc::api
